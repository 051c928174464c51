"""Seed the demo organisations and people. Safe to run again: it updates, never duplicates."""

import os
from datetime import date
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import LoginThrottle, Organization, Role, User
from claims.models import Category, Policy, PolicyKind
from demo.data import seed_demo_claims

DEFAULT_PASSWORD = "homeclaim-demo"

# code, English, Spanish, kind, cap (COP), replacement months, work-use %, payroll concept
CATEGORIES = [
    ("chair", "Chair", "Silla", PolicyKind.ONE_TIME, "600000", 36, "100", "REEMB-SILLA"),
    ("desk", "Desk", "Escritorio", PolicyKind.ONE_TIME, "500000", 60, "100", "REEMB-ESCRITORIO"),
    (
        "internet",
        "Internet",
        "Internet",
        PolicyKind.MONTHLY,
        "80000",
        None,
        "50",
        "AUX-CONECTIVIDAD",
    ),
]

PEOPLE = [
    # username, organisation, role, full name, employee id, cost centre
    ("ana", "Demo", Role.WORKER, "Ana Torres", "E-1001", "CC-BOG-01"),
    ("luis", "Demo", Role.WORKER, "Luis Gómez", "E-1002", "CC-BOG-02"),
    ("hugo", "Demo", Role.HR, "Hugo Ramírez", "E-2001", "CC-HR"),
    ("nora", "Demo", Role.NEGOTIATOR, "Nora Castillo", "E-3001", "CC-UNION"),
    ("admin", "Demo", Role.ADMIN, "Demo Admin", "E-0001", "CC-ADM"),
    ("olga", "Otra", Role.HR, "Olga Pérez", "O-2001", "CC-HR"),
    ("omar", "Otra", Role.WORKER, "Omar Díaz", "O-1001", "CC-MED-01"),
]


class Command(BaseCommand):
    help = "Create or refresh the demo organisations and users (password from DEMO_PASSWORD)."

    def handle(self, *args, **options) -> None:
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        with transaction.atomic():
            for username, org_name, role, full_name, employee_id, cost_centre in PEOPLE:
                organization, _ = Organization.objects.get_or_create(
                    name=org_name, defaults={"currency": "COP"}
                )
                first, _, last = full_name.partition(" ")
                user, _ = User.objects.update_or_create(
                    username=username,
                    defaults={
                        "organization": organization,
                        "role": role,
                        "first_name": first,
                        "last_name": last,
                        # Notifications are mailed (as files under var/mail without EMAIL_HOST).
                        "email": f"{username}@example.org",
                        "employee_id": employee_id,
                        "cost_centre": cost_centre,
                        "is_active": True,
                        "end_date": None,
                    },
                )
                user.set_password(password)
                user.save(update_fields=["password"])
                LoginThrottle.objects.filter(username=username).delete()
            for organization in Organization.objects.filter(name__in={p[1] for p in PEOPLE}):
                seed_categories(organization)
        try:
            if seed_demo_claims():
                self.stdout.write("Demo receipts and claims created for ana and luis.")
        except OSError as exc:  # e.g. the demo's font is missing: the accounts are still fine
            self.stderr.write(f"Demo receipts skipped: {exc}")
        shown = password if not os.environ.get("DEMO_PASSWORD") else "(from DEMO_PASSWORD)"
        self.stdout.write("Demo logins (password " + shown + "):")
        for username, org_name, role, *_ in PEOPLE:
            self.stdout.write(f"  {username:<6} {role:<11} {org_name}")


def seed_categories(organization: Organization) -> None:
    for code, name_en, name_es, kind, cap, months, work_use, concept in CATEGORIES:
        category, _ = Category.objects.get_or_create(
            organization=organization, code=code, defaults={"name_en": name_en, "name_es": name_es}
        )
        Policy.objects.get_or_create(
            category=category,
            effective_from=date(2026, 1, 1),
            defaults={
                "kind": kind,
                "currency": organization.currency,
                "cap": Decimal(cap),
                "replacement_months": months,
                "work_use_percent": Decimal(work_use),
                "payroll_concept": concept,
                "claim_window_days": 90,
            },
        )
