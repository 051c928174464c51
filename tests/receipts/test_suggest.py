"""The category a reading suggests: a table of vendors, NITs and words."""

import pytest

from receipts.suggest import suggest_category


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"vendor": "CONECTA TELECOM S.A.S. E.S.P."}, "internet"),
        ({"vendor": "Claro Colombia", "text": "Factura de servicios"}, "internet"),
        ({"vendor": "Acme", "text": "Plan hogar fibra óptica 300 Mbps"}, "internet"),
        ({"vendor": "Proveedor", "nit": "830.122.566-1"}, "internet"),
        ({"vendor": "Proveedor S.A.S.", "has_service_month": True}, "internet"),
        ({"vendor": "Muebles Bogotá", "text": "Silla ergonómica negra"}, "chair"),
        ({"vendor": "Home Center", "text": "ESCRITORIO en L 120 cm"}, "desk"),
        ({"vendor": "Ikea", "text": "Mesa de trabajo 1x1"}, "desk"),
        ({"vendor": "Office Chairs Inc.", "text": "Task chair"}, "chair"),
        ({"vendor": "Muebles Bogotá S.A.S.", "text": "Varios"}, None),
        ({"vendor": "Panadería La 14", "text": "Pan, leche, huevos. Especial"}, None),
        ({}, None),
    ],
)
def test_suggestion(fields, expected):
    assert suggest_category(**fields) == expected
