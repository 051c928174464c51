"""The admin's setup API: people, activation codes, categories and policy, rates, organisation."""

import datetime as dt

from django.http import HttpResponse
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from accounts.access import ADMINS_ONLY
from accounts.auth import AuthedRequest
from accounts.clients import client_address
from core.schemas import Id, Pages
from orgsetup import catalog, schemas, selectors
from orgsetup.codes_csv import activation_csv
from orgsetup.services import activation, import_people, organization, people

router = Router(tags=["setup"], auth=ADMINS_ONLY)
UNPROCESSABLE = {422: schemas.ImportRejectedOut}


class PeopleFilters(Schema):
    q: str = ""
    role: str | None = None
    active: bool | None = None


class EventFilters(Schema):
    person: Id | None = None
    kind: str | None = None


# --- People ---------------------------------------------------------------------------------------


@router.post("/admin/people/import", response={200: schemas.PeopleImportOut, **UNPROCESSABLE})
def people_import(
    request: AuthedRequest,
    file: File[UploadedFile],
    dry_run: Form[bool] = True,
    confirm: Form[str] = "",
):
    """Upsert people by employee id from CSV/XLSX. A dry run (the default) only reports.

    A file with errors imports nothing (422 `import_has_errors`, the report in `details.report`)
    unless `confirm` is that report's `confirm_token`: then only the valid rows are imported.
    """
    return import_people.people_import(
        admin=request.auth, upload=file, dry_run=dry_run, confirm=confirm
    )


@router.get("/admin/people", response=list[schemas.PersonOut])
@paginate(Pages, page_size=50)
def people_list(request: AuthedRequest, filters: Query[PeopleFilters]):
    """Search by employee id, name, username, email or cost centre; filter by role or `active`."""
    return selectors.people_of(request.auth, **filters.dict())


@router.patch("/admin/people", response=schemas.BulkOut)
def people_bulk_update(request: AuthedRequest, payload: schemas.PeopleBulkPatch):
    """The same change for many people at once (role, cost centre, end date, active)."""
    chosen = selectors.people_by_ids(request.auth, payload.ids)
    changes = payload.dict(exclude_unset=True, exclude={"ids"})
    updated = people.people_bulk_update(admin=request.auth, people=chosen, changes=changes)
    return {"updated": updated}


@router.get("/admin/people/{int:person_id}", response=schemas.PersonOut)
def person_detail(request: AuthedRequest, person_id: Id):
    return selectors.person_for(request.auth, person_id)


@router.patch("/admin/people/{int:person_id}", response=schemas.PersonOut)
def person_update(request: AuthedRequest, person_id: Id, payload: schemas.PersonPatch):
    person = selectors.person_for(request.auth, person_id)
    people.person_update(
        admin=request.auth, person=person, changes=payload.dict(exclude_unset=True)
    )
    return selectors.person_for(request.auth, person_id)


@router.post("/admin/people/activation-links", response=schemas.ActivationLinksOut)
def activation_links(request: AuthedRequest, payload: schemas.ActivationLinksIn):
    """One-time codes (and links) for people who have no password yet, or for the `ids` given.

    Someone among the `ids` who has a password is refused (422 `has_password`) unless
    `reset_password` is true: their code would replace the password.

    The codes are shown only in this answer (JSON, or CSV with `format: "csv"`); only hashes are kept.
    """
    to_activate = selectors.people_to_activate(request.auth, payload.ids)
    issued = activation.activation_codes_issue(
        admin=request.auth,
        people=to_activate,
        renew=payload.renew,
        reset_password=bool(payload.reset_password),
    )
    base = request.build_absolute_uri("/activate")
    rows = [
        {
            "id": item.person.pk,
            "employee_id": item.person.employee_id,
            "username": item.person.username,
            "full_name": item.person.get_full_name(),
            "code": item.code,
            # In the fragment, so the code never reaches a server log.
            "link": f"{base}#code={item.code}",
            "activation_code": item.code,
            "expires_at": item.expires_at.isoformat(),
        }
        for item in issued
    ]
    if payload.format == "csv":
        org = request.auth.organization
        separator = org.csv_separator if org else ";"
        response = HttpResponse(
            activation_csv(rows, separator), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="activation-codes.csv"'
        response["Cache-Control"] = "no-store"
        return response
    return {
        "count": len(rows),
        "expires_at": issued[0].expires_at if issued else None,
        "codes": rows,
    }


@router.post("/auth/activate", auth=None, response=schemas.ActivatedOut)
def activate(request, payload: schemas.ActivateIn):
    """Set your first password with the one-time code your administrator gave you."""
    user = activation.account_activate(
        code=payload.code, password=payload.password, client=client_address(request)
    )
    return {"username": user.username}


# --- Categories and policy versions ---------------------------------------------------------------


@router.get("/admin/categories", response=list[schemas.CategoryAdminOut])
def categories_list(request: AuthedRequest):
    """Every category, active or not, with all its policy versions (newest first)."""
    return selectors.categories_of(request.auth)


def _category_out(request: AuthedRequest, code: str):
    return selectors.categories_of(request.auth).get(code=code)


@router.post("/admin/categories", response={201: schemas.CategoryAdminOut})
def category_create(request: AuthedRequest, payload: schemas.CategoryIn):
    category = catalog.category_create(
        admin=request.auth,
        code=payload.code,
        name_en=payload.name_en,
        name_es=payload.name_es,
        active=payload.active,
        policy=payload.policy.dict(exclude_unset=True) if payload.policy else None,
    )
    return Status(201, _category_out(request, category.code))


@router.patch("/admin/categories/{code}", response=schemas.CategoryAdminOut)
def category_update(request: AuthedRequest, code: str, payload: schemas.CategoryPatch):
    category = selectors.category_for(request.auth, code)
    catalog.category_update(
        admin=request.auth, category=category, changes=payload.dict(exclude_unset=True)
    )
    return _category_out(request, code)


@router.post("/admin/categories/{code}/policies", response={201: schemas.CategoryAdminOut})
def policy_create(request: AuthedRequest, code: str, payload: schemas.PolicyIn):
    """A new policy version from `effective_from`; terms left out are copied from the one before.

    Expenses already judged keep the version they were judged under.
    """
    category = selectors.category_for(request.auth, code)
    terms = payload.dict(exclude_unset=True, exclude={"effective_from"})
    catalog.policy_version_create(
        admin=request.auth, category=category, effective_from=payload.effective_from, terms=terms
    )
    return Status(201, _category_out(request, code))


@router.patch(
    "/admin/categories/{code}/policies/{effective_from}", response=schemas.CategoryAdminOut
)
def policy_update(
    request: AuthedRequest, code: str, effective_from: dt.date, payload: schemas.PolicyPatch
):
    """Correct a version no expense was judged under yet; otherwise 409 `policy_in_use`."""
    category = selectors.category_for(request.auth, code)
    policy = selectors.policy_for(category, effective_from)
    catalog.policy_version_update(
        admin=request.auth, policy=policy, changes=payload.dict(exclude_unset=True)
    )
    return _category_out(request, code)


# --- Rates, organisation, audit -------------------------------------------------------------------


@router.post("/admin/rates/import", response={200: schemas.RatesImportOut, **UNPROCESSABLE})
def rates_import(request: AuthedRequest, file: File[UploadedFile], dry_run: Form[bool] = True):
    """Monthly exchange rates into the organisation's currency: columns month, currency, rate."""
    return catalog.rates_import(admin=request.auth, upload=file, dry_run=dry_run)


@router.get("/admin/organization", response=schemas.OrganizationOut)
def organization_detail(request: AuthedRequest):
    return request.auth.organization


@router.patch("/admin/organization", response=schemas.OrganizationOut)
def organization_update(request: AuthedRequest, payload: schemas.OrganizationPatch):
    """The organisation's currency (only before policies, rates or expenses exist) and CSV separator."""
    return organization.organization_update(
        admin=request.auth, changes=payload.dict(exclude_unset=True)
    )


@router.get("/admin/events", response=list[schemas.AdminEventOut])
@paginate(Pages, page_size=50)
def events_list(request: AuthedRequest, filters: Query[EventFilters]):
    """The admins' audit trail, newest first; `person` narrows it to one person."""
    return selectors.events_of(request.auth, person_id=filters.person, kind=filters.kind)
