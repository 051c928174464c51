"""The admin sets up an organisation in the browser: people, activation, roles and policy."""

import csv
import io
import re
import zipfile

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from accounts.models import Role, User
from orgsetup.models import ActivationCode
from tests.e2e.conftest import DESKTOP
from tests.e2e.test_worker_receipts import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "ventana azul sobre el río"
PEOPLE_CSV = (
    "id_empleado;nombre_completo;usuario;rol;centro_de_costo\r\n"
    "E-100;María Pérez;maria;trabajadora;CC-NORTE\r\n"
    "E-101;Jorge Ruiz;jorge;trabajador;CC-SUR\r\n"
    "E-102;Sin Rol;sinrol;jefe;CC-SUR\r\n"
)


def choose_file(page, text: str = PEOPLE_CSV, name: str = "personas.csv") -> None:
    page.get_by_label("Archivo CSV o Excel (.xlsx)").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}]
    )


def test_admin_imports_people_changes_a_role_and_a_new_person_activates(browse, people):
    admin = browse(viewport=DESKTOP)
    page = log_in(admin, "adela")
    # The admin lands on the first page of their menu.
    expect(page.get_by_role("heading", name="Personas", level=1)).to_be_visible()

    # The dry run reports the bad row (number, column, message in Spanish) and imports nothing.
    choose_file(page)
    page.get_by_role("button", name="Revisar el archivo").click()
    report = page.get_by_role("region", name="Revisión de personas.csv")
    expect(report.locator("dl div", has_text="Personas nuevas").locator("dd")).to_have_text("2")
    error_row = report.locator("table.import-errors tbody tr")
    expect(error_row).to_have_count(1)
    expect(error_row).to_contain_text("4")
    expect(error_row).to_contain_text("rol")
    expect(error_row).to_contain_text("Rol desconocido")
    assert not User.objects.filter(employee_id="E-100").exists()

    # Confirming imports the two valid rows only.
    page.get_by_role("button", name="Importar las 2 filas válidas").click()
    expect(page.get_by_role("heading", name="Importación terminada")).to_be_visible()
    expect(
        page.get_by_text("2 personas creadas, 0 actualizadas, 0 sin cambios, 1 filas omitidas.")
    ).to_be_visible()
    people_table = page.locator("table.people")
    expect(people_table).to_contain_text("María Pérez")
    expect(people_table).to_contain_text("Jorge Ruiz")
    assert not User.objects.filter(employee_id="E-102").exists()

    # Search keeps its terms in the URL; the person's page changes the role.
    page.get_by_label("Buscar (nombre, id de empleado, usuario, correo o centro de costo)").fill(
        "Ruiz"
    )
    page.get_by_role("button", name="Aplicar filtros").click()
    expect(page).to_have_url(re.compile(r"/people\?q=Ruiz$"))
    expect(people_table.locator("tbody tr")).to_have_count(1)
    people_table.get_by_role("link", name="Jorge Ruiz").click()
    expect(page.get_by_role("heading", name="Jorge Ruiz", level=1)).to_be_visible()
    page.get_by_label("Rol").select_option(label="Revisor de RR. HH.")
    page.get_by_role("button", name="Guardar cambios").click()
    expect(page.get_by_text("Se guardaron los cambios.")).to_be_visible()
    assert User.objects.get(employee_id="E-101").role == Role.HR
    # The audit log names whose role changed.
    page.goto(f"{page.url.split('/people')[0]}/events")
    expect(page.get_by_role("link", name="Jorge Ruiz (E-101)").first).to_be_visible()
    # ...in words: the roles by name, and none of the import's internal tokens.
    events = page.locator("table.events")
    expect(events).to_contain_text("Ahora: Revisor de RR. HH.")
    expect(events).not_to_contain_text("confirm_token")
    page.go_back()
    page.get_by_role("link", name="Volver a personas").click()
    expect(page).to_have_url(re.compile(r"/people\?q=Ruiz$"))

    # The activation codes come as a CSV file, one row per person without a password.
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Descargar códigos de activación (CSV)").click()
    expect(page.get_by_text("con 2 códigos")).to_be_visible()
    text = downloading.value.path().read_text(encoding="utf-8-sig")
    rows = {row["username"]: row for row in csv.DictReader(io.StringIO(text), delimiter=";")}
    assert set(rows) == {"maria", "jorge"}
    link = rows["maria"]["link"]
    assert "#code=" in link

    # María opens her link on her phone: a weak password is refused next to the field.
    phone = browse()
    page = phone.page
    page.goto(link)
    expect(page.get_by_role("heading", name="Active su cuenta")).to_be_visible()
    expect(page.get_by_label("Código de activación")).to_have_value(
        rows["maria"]["activation_code"]
    )
    expect(page).to_have_url(re.compile(r"/activate$"))  # the code left the address bar
    page.get_by_label("Contraseña nueva").fill("12345678")
    page.get_by_label("Repita la contraseña").fill("12345678")
    page.get_by_role("button", name="Activar mi cuenta").click()
    expect(page.get_by_label("Contraseña nueva")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#new-password-error")).to_contain_text("Elija otra contraseña")

    page.get_by_label("Contraseña nueva").fill(NEW_PASSWORD)
    page.get_by_label("Repita la contraseña").fill(NEW_PASSWORD + "x")
    page.get_by_role("button", name="Activar mi cuenta").click()
    expect(page.get_by_text("Las dos contraseñas no son iguales.")).to_be_visible()
    page.get_by_label("Repita la contraseña").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Activar mi cuenta").click()
    expect(page.get_by_role("heading", name="Su cuenta está lista")).to_be_visible()

    page.get_by_role("link", name="Entrar").click()
    page.get_by_label("Usuario").fill("maria")
    page.get_by_label("Contraseña").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    expect(page.get_by_role("heading", name="Mis recibos", level=1)).to_be_visible()

    # The code was used: it cannot set a password again.
    used = browse()
    used.page.goto(link)
    used.page.get_by_label("Contraseña nueva").fill(NEW_PASSWORD)
    used.page.get_by_label("Repita la contraseña").fill(NEW_PASSWORD)
    used.page.get_by_role("button", name="Activar mi cuenta").click()
    expect(used.page.locator("#activation-code-error")).to_contain_text("no es válido o ya venció")
    assert admin.errors == phone.errors == used.errors == []


def test_admin_adds_a_policy_version_and_sees_the_refusal_next_to_the_field(
    browse, people, categories
):
    browsing = browse()
    page = log_in(browsing, "adela")
    page.get_by_role("link", name="Categorías y política").click()
    page.get_by_role("link", name="Internet").click()
    expect(page.get_by_role("heading", name="Internet internet", level=1)).to_be_visible()

    form = page.get_by_role("form", name="Nueva versión de la política")
    form.get_by_label("Vigente desde").fill("2030-01-01")
    work_use = form.get_by_label("Uso laboral (%)")
    expect(work_use).to_have_value("50")  # it starts from the newest version's terms
    work_use.fill("150")
    form.get_by_role("button", name="Agregar la versión").click()
    expect(work_use).to_have_attribute("aria-invalid", "true")
    expect(work_use).to_be_focused()
    expect(form.locator("#version-work_use_percent-error")).to_have_text(
        "El porcentaje de uso laboral debe estar entre 0 y 100."
    )

    work_use.fill("40")
    form.get_by_role("button", name="Agregar la versión").click()
    expect(
        page.get_by_text("Se agregó la versión nueva, vigente desde el 01/01/2030.")
    ).to_be_visible()
    expect(page.locator("ul.versions > li")).to_have_count(2)
    expect(page.locator("ul.versions > li").first).to_contain_text("Uso laboral: 40 %")

    # The same date again is an overlapping period, shown under the date.
    form = page.get_by_role("form", name="Nueva versión de la política")
    form.get_by_label("Vigente desde").fill("2030-01-01")
    form.get_by_role("button", name="Agregar la versión").click()
    expect(form.locator("#version-effective_from-error")).to_contain_text(
        "ya tiene una versión de política"
    )
    assert browsing.errors == []


def test_admin_imports_exchange_rates_only_from_a_file_without_errors(browse, people):
    browsing = browse()
    page = log_in(browsing, "adela")
    page.get_by_role("link", name="Tasas de cambio").click()
    expect(page.get_by_role("heading", name="Tasas de cambio", level=1)).to_be_visible()

    choose_file(
        page, "mes;moneda;tasa\r\n2026-03;USD;4100,50\r\n2026-03;EUR;muchos\r\n", "tasas.csv"
    )
    page.get_by_role("button", name="Revisar el archivo").click()
    error_row = page.locator("table.import-errors tbody tr")
    expect(error_row).to_have_count(1)
    expect(error_row).to_contain_text("3")
    expect(error_row).to_contain_text("tasa")
    expect(
        page.get_by_text("No se puede importar nada mientras una fila tenga errores")
    ).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Importar"))).to_have_count(0)

    choose_file(page, "mes;moneda;tasa\r\n2026-03;USD;4100,50\r\n2026-03;EUR;4500\r\n", "tasas.csv")
    page.get_by_role("button", name="Revisar el archivo").click()
    page.get_by_role("button", name="Importar: 2 nuevas, 0 para actualizar").click()
    expect(page.get_by_text("2 tasas agregadas, 0 cambiadas, 0 sin cambios.")).to_be_visible()
    rates = page.locator("table.rates")
    expect(rates).to_contain_text("4.100,5")
    expect(rates).to_contain_text("EUR")
    assert browsing.errors == []


def test_admin_deactivates_several_people_at_once(browse, people):
    browsing = browse()
    page = log_in(browsing, "adela")
    page.get_by_label("Seleccionar a Ana").check()
    page.get_by_label("Seleccionar a Luis").check()
    bulk = page.get_by_role("form", name="Cambiar 2 personas seleccionadas")
    bulk.get_by_label("Cambiar").select_option(label="Desactivar")
    bulk.get_by_role("button", name="Aplicar a 2 personas").click()
    expect(page.get_by_text("Se cambiaron 2 personas.")).to_be_visible()
    assert not User.objects.filter(username__in=["ana", "luis"], is_active=True).exists()

    page.get_by_label("Puede entrar").select_option(label="No pueden entrar")
    page.get_by_role("button", name="Aplicar filtros").click()
    expect(page).to_have_url(re.compile(r"/people\?active=no$"))
    rows = page.locator("table.people tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Desactivada")
    assert browsing.errors == []


def test_admin_downloads_the_data_of_a_person_who_has_left(browse, people, leaver):
    browsing = browse(viewport=DESKTOP)
    page = log_in(browsing, "adela")
    expect(page.get_by_role("heading", name="Personas", level=1)).to_be_visible()
    page.locator("table.people").get_by_role("link", name="Ana").click()
    expect(page.get_by_role("heading", name="Ana", level=1)).to_be_visible()
    expect(page.get_by_text("Pasó su fecha de fin")).to_be_visible()

    with page.expect_download() as downloading:
        page.get_by_role("button", name="Descargar los datos de esta persona (ZIP)").click()
    expect(page.get_by_role("status").filter(has_text="Se descargó")).to_have_count(1)
    download = downloading.value
    assert download.suggested_filename.startswith("homeclaim-ana-")
    with zipfile.ZipFile(download.path()) as pack:
        names = pack.namelist()
        assert "mis-datos.xlsx" in names
        assert any(name.startswith("recibos/") for name in names)
        book = load_workbook(io.BytesIO(pack.read("mis-datos.xlsx")))
    about = {row[0]: row[1] for row in book["Acerca de"].iter_rows(min_row=2, values_only=True)}
    assert about["Usuario"] == "ana"
    assert about["Fecha de retiro"] is not None
    assert len(list(book["Gastos"].iter_rows(min_row=2, values_only=True))) == 1
    assert browsing.errors == []


def test_admin_gives_a_reset_link_to_someone_who_has_a_password(browse, people):
    browsing = browse(viewport=DESKTOP)
    page = log_in(browsing, "adela")
    page.locator("table.people").get_by_role("link", name="Ana").click()
    expect(page.get_by_role("heading", name="Restablecer la contraseña")).to_be_visible()
    page.get_by_role("button", name="Crear un enlace para restablecerla").click()
    shown = page.get_by_role("status").filter(has_text="Código")
    expect(shown).to_be_visible()
    code = ActivationCode.objects.get(user=people["owner"], used_at__isnull=True)
    assert code.code_hash == ActivationCode.hash(shown.locator("code").inner_text())
    assert browsing.errors == []
