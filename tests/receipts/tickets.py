"""Receipts drawn in the test with a real font, for the reading path end to end."""

from receipts.drawn import ticket

__all__ = ["COLOMBIAN_CASH", "ticket"]

COLOMBIAN_CASH = [
    "FERRETERIA EL TORNILLO S.A.S.",
    "NIT 900.123.456-7",
    "Cra 7 # 45-10 Bogota",
    "Fecha: 15/03/2026",
    "SILLA ERGONOMICA        $ 420.168",
    "SUBTOTAL                $ 420.168",
    "IVA 19%                 $  79.832",
    "TOTAL A PAGAR           $ 500.000",
    "EFECTIVO                $ 600.000",
    "CAMBIO                  $ 100.000",
    "TOTAL ARTICULOS: 1",
    "Gracias por su compra",
]
