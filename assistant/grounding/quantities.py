"""Amounts with their units ("250 g", "1.2 litres", "€38", "3 months"): a reply that gives a source's number with
another unit ("250 ml" for the recipe's "250 g of lentils", "$100" for "100 euros") states a fact the source does
not hold, though each of its numbers is there."""

from __future__ import annotations

import re

_SPELLINGS = {
    "g": "g gram grams gramm gramme grammes", "kg": "kg kilo kilos kilogram kilograms kilogramm",
    "mg": "mg milligram milligrams", "l": "l litre litres liter liters ltr", "cl": "cl",
    "ml": "ml millilitre millilitres milliliter milliliters", "km": "km kilometre kilometres kilometer kilometers",
    "m": "m metre metres meter meters", "cm": "cm centimetre centimetres centimeter centimeters",
    "mm": "mm millimetre millimetres millimeter millimeters", "mile": "mile miles mi",
    "eur": "eur euro euros €", "usd": "usd dollar dollars bucks $", "pound": "pound pounds lb lbs £",
    "dkk": "dkk kroner krone kr", "min": "min mins minute minutes", "h": "h hr hrs hour hours",
    "day": "day days", "week": "week weeks", "month": "month months", "year": "year years", "night": "night nights",
    "%": "% percent", "kwh": "kwh", "bar": "bar", "psi": "psi", "rpm": "rpm",
    "kb": "kb kbyte kbytes kilobyte kilobytes", "mb": "mb mbyte mbytes megabyte megabytes",
    "gb": "gb gbyte gbytes gigabyte gigabytes", "ft": "ft foot feet",
    "m2": "m2 m² sqm square_m square_metre square_metres square_meter square_meters sq_m sq_metres sq_meters",
    "ft2": "ft2 ft² sqft square_ft square_foot square_feet sq_ft sq_feet",
}
UNITS = {spelling.replace("_", " "): unit for unit, spellings in _SPELLINGS.items() for spelling in spellings.split()}
_QUANTITY = re.compile(r"(?:(?P<sign>[€$£])\s?)?(?<![\w.,])(?P<number>\d+(?:[.,]\d+)*)(?![\d])\s?"
                       r"(?P<unit>%|(?:square|sq\.?)\s+[^\W\d_]+|[^\W\d_]+[²2]?(?![\w]))?")


def quantities(text: str) -> list[tuple[str, str, str]]:
    """(as written, the number, its unit) for each number with a unit the text gives it."""
    found = []
    for m in _QUANTITY.finditer(text):
        said = re.sub(r"\s+", " ", (m.group("unit") or "").lower().replace("sq.", "sq"))  # ("780 square meters")
        unit = UNITS.get(m.group("sign") or "") or UNITS.get(said)
        if unit is not None:
            found.append((m.group(0).strip(), m.group("number"), unit))
    return found
