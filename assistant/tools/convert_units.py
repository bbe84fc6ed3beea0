"""convert_units: an amount in one unit in another (pint), temperatures with their offsets too, said as
people say it: "5 miles is 8.05 kilometres.", "100 degrees Fahrenheit is 37.8 degrees Celsius." The amount
and the unit may be given apart (`quantity` "5 miles", `to` "km") or as one sentence ("how many kilometres is
five miles")."""

from __future__ import annotations

import math
import re
import threading
from typing import Annotated, Any

from pydantic import Field

from ..contracts import ToolResult
from ..errors import InputError, UnreadableRequest
from ..routing_hints import Routing
from ..languages import DECIMAL_COMMA, language_of
from .clock_words import NOT_A_SUM
from .numbers import number_text, read
from .registry import ToolContext, tool

MAX_CHARS = 300
MAX_UNIT_CHARS = 60
MAX_VALUE = 1e100

# What people call units -> pint's names (pint also knows most names and their plurals by itself).
ALIASES: dict[str, str] = {
    "degrees fahrenheit": "degF", "degree fahrenheit": "degF", "fahrenheit": "degF", "°f": "degF", "f": "degF",
    "deg f": "degF", "degrees celsius": "degC", "degree celsius": "degC", "celsius": "degC", "centigrade": "degC",
    "degrees centigrade": "degC", "°c": "degC", "c": "degC", "deg c": "degC", "kelvin": "kelvin", "k": "kelvin",
    "us gallon": "gallon", "us gallons": "gallon", "gallon": "gallon", "gallons": "gallon", "gal": "gallon",
    "imperial gallon": "imperial_gallon", "imperial gallons": "imperial_gallon", "uk gallon": "imperial_gallon",
    "uk gallons": "imperial_gallon", "us pint": "pint", "us pints": "pint", "imperial pint": "imperial_pint",
    "imperial pints": "imperial_pint", "uk pint": "imperial_pint", "uk pints": "imperial_pint",
    "fluid ounce": "fluid_ounce", "fluid ounces": "fluid_ounce", "fl oz": "fluid_ounce",
    "us cup": "cup", "us cups": "cup", "stones": "stone", "st": "stone", "tonne": "metric_ton",
    "tonnes": "metric_ton", "metric ton": "metric_ton", "metric tons": "metric_ton", "short ton": "ton",
    "short tons": "ton", "us ton": "ton", "us tons": "ton", "long ton": "long_ton", "long tons": "long_ton",
    "mph": "mile/hour", "miles per hour": "mile/hour", "mile per hour": "mile/hour", "km/h": "kilometer/hour",
    "kmh": "kilometer/hour", "kph": "kilometer/hour", "kilometres per hour": "kilometer/hour",
    "kilometers per hour": "kilometer/hour", "metres per second": "meter/second", "meters per second": "meter/second",
    "m/s": "meter/second", "nautical mile": "nautical_mile", "nautical miles": "nautical_mile",
    "light year": "light_year", "light years": "light_year", "calories": "kilocalorie", "calorie": "kilocalorie",
    "cal": "kilocalorie", "kcal": "kilocalorie", "kwh": "kilowatt_hour", "kilowatt hours": "kilowatt_hour",
    "kilowatt hour": "kilowatt_hour", "kpa": "kilopascal", "hpa": "hectopascal", "mbar": "millibar",
    "millibars": "millibar", "atmospheres": "atm", "atmosphere": "atm", "mmhg": "mmHg", "kb": "kilobyte",
    "mb": "megabyte", "gb": "gigabyte", "tb": "terabyte", "kilos": "kilogram", "kilo": "kilogram", "lbs": "pound",
    "lb": "pound", "hrs": "hour", "hr": "hour", "mins": "minute", "min": "minute", "secs": "second",
    # German, French, Spanish names pint does not know
    "meile": "mile", "meilen": "mile", "fuß": "foot", "fuss": "foot", "zoll": "inch", "pfund": "pound",
    "unze": "ounce", "unzen": "ounce", "gramm": "gram", "tonnen": "metric_ton", "grad celsius": "degC",
    "grad fahrenheit": "degF", "stundenkilometer": "kilometer/hour", "mille": "mile", "milles": "mile",
    "pied": "foot", "pieds": "foot", "pouce": "inch", "pouces": "inch", "livre": "pound", "livres": "pound",
    "once": "ounce", "onces": "ounce", "degrés celsius": "degC", "degrés fahrenheit": "degF", "milla": "mile",
    "millas": "mile", "kilómetro": "kilometer", "kilómetros": "kilometer", "pie": "foot", "pies": "foot",
    "pulgada": "inch", "pulgadas": "inch", "libra": "pound", "libras": "pound", "onza": "ounce", "onzas": "ounce",
    "litro": "liter", "litros": "liter", "galón": "gallon", "galones": "gallon", "gramos": "gram",
    "grados celsius": "degC", "grados fahrenheit": "degF", "metros": "meter", "metro": "meter",
    "mililitro": "milliliter", "mililitros": "milliliter", "centilitro": "centiliter", "centilitros": "centiliter",
    "centímetro": "centimeter", "centímetros": "centimeter", "milímetro": "millimeter", "milímetros": "millimeter",
    "kilogramo": "kilogram", "kilogramos": "kilogram", "gramo": "gram", "kilogramm": "kilogram",
    "zentimeter": "centimeter", "milligramm": "milligram",
}
# pint's unit -> how it is said (one, several). Others: pint's own name, with an "s".
NAMES: dict[str, tuple[str, str]] = {
    "meter": ("metre", "metres"), "kilometer": ("kilometre", "kilometres"), "centimeter": ("centimetre", "centimetres"),
    "millimeter": ("millimetre", "millimetres"), "foot": ("foot", "feet"), "inch": ("inch", "inches"),
    "liter": ("litre", "litres"), "milliliter": ("millilitre", "millilitres"), "gallon": ("US gallon", "US gallons"),
    "imperial_gallon": ("imperial gallon", "imperial gallons"), "pint": ("US pint", "US pints"),
    "imperial_pint": ("imperial pint", "imperial pints"), "fluid_ounce": ("fluid ounce", "fluid ounces"),
    "metric_ton": ("tonne", "tonnes"), "ton": ("US ton", "US tons"), "stone": ("stone", "stone"),
    "degree_Celsius": ("degree Celsius", "degrees Celsius"), "kelvin": ("kelvin", "kelvin"),
    "degree_Fahrenheit": ("degree Fahrenheit", "degrees Fahrenheit"),
    "mile / hour": ("mile per hour", "miles per hour"), "kilometer / hour": ("kilometre per hour", "kilometres per hour"),
    "meter / second": ("metre per second", "metres per second"), "mile_per_hour": ("mile per hour", "miles per hour"),
    "kilometer_per_hour": ("kilometre per hour", "kilometres per hour"),
    "pound_force_per_square_inch": ("psi", "psi"), "bar": ("bar", "bar"), "millibar": ("millibar", "millibars"),
    "standard_atmosphere": ("atmosphere", "atmospheres"), "millimeter_Hg": ("millimetre of mercury",
                                                                            "millimetres of mercury"),
    "kilocalorie": ("kilocalorie", "kilocalories"), "kilowatt_hour": ("kilowatt hour", "kilowatt hours"),
    "horsepower": ("horsepower", "horsepower"), "hertz": ("hertz", "hertz"), "century": ("century", "centuries"),
    "square_foot": ("square foot", "square feet"), "meter ** 2": ("square metre", "square metres"),
    "kilometer ** 2": ("square kilometre", "square kilometres"), "foot ** 2": ("square foot", "square feet"),
    "mile ** 2": ("square mile", "square miles"), "meter ** 3": ("cubic metre", "cubic metres"),
    "centimeter ** 3": ("cubic centimetre", "cubic centimetres"), "cubic_centimeter": ("cubic centimetre",
                                                                                      "cubic centimetres"),
    "foot ** 3": ("cubic foot", "cubic feet"), "inch ** 3": ("cubic inch", "cubic inches"),
}
_CURRENCY = re.compile(r"[$€£¥]|\b(?:euros?|dollars?|usd|eur|gbp|yen|francs?|pesos?|bitcoins?|currency)\b", re.I)
_FILLER = re.compile(r"^(?:(?:please|can you|could you|would you|tell me|what(?:'s| is| are)|how much is|how much"
                     r"|convert|change|turn|express|roughly|about|approximately|exactly|just)\b[\s,]*)+", re.I)
_SENTENCES = [  # what is asked for (`to`) and the amount (`q`), in English, German, French and Spanish
    re.compile(r"how many (?P<to>.+?) (?:are there in|is there in|are in|is in|in|are there|is|are|make up|make|to|"
               r"does|do|equals?|per) (?P<q>.+)", re.I),
    re.compile(r"(?:wie ?viele?|combien(?: de| d')?|cu[aá]nt[oa]s?) (?P<to>.+?) (?:sind|ist|hat|haben|in|dans|en|"
               r"font|fait|pour|hay en|son|es|en) (?P<q>.+)", re.I),
    re.compile(r"(?P<q>.+?) (?:is|are|equals?|makes?) how many (?P<to>.+)", re.I),
    re.compile(r"(?P<q>.+?) (?:in|into|to|as|in terms of|nach|en|a) (?P<to>[^\d]+)$", re.I),
]
_AMOUNT = re.compile(r"^(?P<num>[-+]?\d+(?:\.\d+)?)\s*(?P<unit>.*)$")
_registry: list[Any] = []
_lock = threading.Lock()


def units():  # noqa: ANN201 - pint's registry (imported on first use: pint takes a moment to load)
    with _lock:
        if not _registry:
            import pint

            _registry.append(pint.UnitRegistry())
        return _registry[0]


def split_request(quantity: str, to: str | None) -> tuple[str, str]:
    """The amount and the unit asked for, from the two arguments, or from one sentence in `quantity`."""
    if len(quantity) > MAX_CHARS or len(to or "") > MAX_CHARS:
        raise InputError(f"that is too long to convert (at most {MAX_CHARS} characters)")
    text = " ".join(quantity.replace("?", " ").split()).strip(" .!")
    if to and to.strip():
        return _FILLER.sub("", text), to.strip(" .?!")
    for pattern in _SENTENCES:
        found = pattern.search(_FILLER.sub("", text))
        if found:
            return _FILLER.sub("", found.group("q")).strip(" ,."), _FILLER.sub("", found.group("to")).strip(" ,.")
    raise UnreadableRequest("say what to convert into what, e.g. '5 miles in kilometres'")


def amount(text: str, decimal_comma: bool | None = None) -> tuple[float, str]:
    """"five miles" -> (5.0, "miles"); "a US gallon" -> (1.0, "US gallon"); "1,500 feet" -> (1500.0, "feet");
    "2,5 Liter" -> (2.5, "Liter"). `decimal_comma`: the request's language writes one (else: as the text does)."""
    t = read(text, foreign=False, decimal_comma=decimal_comma).strip()
    one = re.match(r"^(?:a|an|one|ein|eine|einen|un|une|uno|una)\s+([^\W\d_]+)", t, re.I)
    if one and re.search(r"\d", t) and _a_unit(one.group(1)):  # ("a foot and 3 inches": two amounts)
        raise UnreadableRequest(f"one amount at a time, e.g. '15 inches' (not {text!r})")
    if not re.search(r"\d", t):  # ("a temperature of 37.8 °C": the amount is the number)
        t = re.sub(r"^(?:a|an|one|ein|eine|einen|un|une|uno|una)\s+", "1 ", t, flags=re.I)
    if not _AMOUNT.match(t) and (first := re.search(r"(?<![\w.])[-+]?\d", t)):  # "convrt 30 degrees": from the number
        t = t[first.start():]
    found = _AMOUNT.match(t)
    if not found or not found.group("unit").strip():
        raise UnreadableRequest(f"an amount and its unit are needed, e.g. '5 miles' (not {text!r})")
    return float(found.group("num")), found.group("unit").strip()


def unit_of(name: str) -> Any:
    """pint's unit for what people call it ("degrees Fahrenheit", "km", "US gallons", "square feet")."""
    said = " ".join(name.replace("°", " °").replace("° ", "°").split()).strip(" ,.")
    said = re.sub(r"^(?:the|a|an)\s+", "", said, flags=re.I)
    if not said or len(said) > MAX_UNIT_CHARS or not re.fullmatch(r"[\w°µ/ .-]+", said) or re.search(r"\d{2}", said):
        # (pint computes what a unit's name says: "km**99999999" would run for ever)
        raise UnreadableRequest(f"{name!r} is not a unit I know")
    ureg = units()
    low = said.lower()
    square = re.match(r"^(square|sq|cubic|cu)\s+(.+)$", low)
    if square:
        power = 2 if square.group(1) in ("square", "sq") else 3
        return unit_of(square.group(2)) ** power
    for candidate in (ALIASES.get(low), said, low, low.replace(" per ", "/"), low.replace(" ", "_"),
                      low.rstrip("s") if low.endswith("s") else None):
        if not candidate:
            continue
        try:
            return ureg.parse_units(candidate)
        except Exception:  # noqa: BLE001 - pint raises several kinds for a name it does not know
            continue
    raise UnreadableRequest(f"{name!r} is not a unit I know")


def _a_unit(word: str) -> bool:
    try:
        unit_of(word)
    except UnreadableRequest:
        return False
    return True


def unit_said(name: str) -> Any:
    """The unit an amount is said in, from the words after it up to the end of its clause, the fewest that name a
    unit ("55 cm tall, what's that": cm)."""
    words = re.split(r"[,;:]", name, maxsplit=1)[0].split()
    if any(re.search(r"\d", w) for w in words):  # ("5 ft 11 in", "1 m 80": two amounts, not one to cut short)
        return unit_of(name)
    for count in range(len(words), 0, -1):
        try:
            return unit_of(" ".join(words[:count]))
        except UnreadableRequest:
            if count == 1:
                raise UnreadableRequest(f"{name!r} is not a unit I know") from None
    return unit_of(name)


def convert(quantity: str, to: str | None) -> tuple[str, dict[str, Any]]:
    """The spoken answer and the data (value, units) for a conversion."""
    said_amount, said_unit = split_request(quantity, to)
    if _CURRENCY.search(said_amount) or _CURRENCY.search(said_unit):
        raise InputError("money is not converted here: exchange rates change, and there are none offline")
    value, from_name = amount(said_amount, language_of(quantity) in DECIMAL_COMMA)
    if not math.isfinite(value) or abs(value) > MAX_VALUE:
        raise InputError("that amount is too large")
    source, target = unit_said(from_name), unit_of(said_unit)
    ureg = units()
    try:
        result = ureg.Quantity(value, source).to(target).magnitude
    except Exception as exc:  # noqa: BLE001 - DimensionalityError, OffsetUnitCalculusError
        if type(exc).__name__ == "DimensionalityError":
            raise InputError(f"{spoken(source, 2)} and {spoken(target, 2)} measure different things") from None
        raise InputError(f"{spoken(source, 2)} cannot be converted to {spoken(target, 2)}") from None
    if not math.isfinite(result) or abs(result) > MAX_VALUE:
        raise InputError("the result is too large")
    text = f"{figure(value)} {spoken(source, value)} is {figure(result)} {spoken(target, _said_value(result))}."
    return text, {"value": value, "unit": str(source), "result": result, "result_unit": str(target)}


def figure(x: float) -> str:
    """A converted value as people say it: to two decimals from 1 up (8.05, 37.78, 22.05: three significant
    figures made 10 kg "22 pounds"), one from 100 (242.3), three significant figures below 1 (0.0283); whole above
    a thousand (1,609);
    millions and more in words (9.46 trillion)."""
    exact = float(f"{x:.12g}")
    if exact < 0:
        return "minus " + figure(-exact)
    for size, word in ((1e15, ""), (1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if exact >= size:
            return f"{exact:.3g}" if not word else f"{number_text(float(f'{exact / size:.3g}'))} {word}"
    if exact >= 1000:
        whole = round(exact)
        return f"{whole:,}" if whole >= 10_000 else str(whole)
    if exact == round(exact, 2):
        return number_text(exact)
    if exact >= 1:
        return number_text(round(exact, 2 if exact < 100 else 1))
    return number_text(float(f"{exact:.3g}")) if exact >= 1e-6 else f"{exact:.3g}"


def _said_value(x: float) -> float:
    return 1.0 if figure(x) == "1" else 2.0  # "1 kilometre", "1.5 kilometres", "0.5 kilometres"


def spoken(unit: Any, value: float) -> str:
    """A unit's name as people say it, for this many of it: "kilometres", "degrees Celsius", "foot"."""
    key = str(unit)
    one, many = NAMES.get(key) or NAMES.get(key.replace("_", " ")) or (_plain(key), _plain(key) + "s")
    return one if abs(value) == 1 else many


def _plain(key: str) -> str:
    text = key.replace("_", " ").replace(" ** 2", " squared").replace(" ** 3", " cubed").replace(" / ", " per ")
    return text.replace("meter", "metre").replace("liter", "litre")


CONVERT_EXAMPLES = (
    "how many km is five miles", "convert 100 degrees Fahrenheit to Celsius", "2.5 kg in grams",
    "what is 3 feet in cm", "2.1 bar in psi", "how many litres in a US gallon", "30 celsius in fahrenheit",
    "how many ounces in a pound", "convert 60 mph to km/h", "how many cups are in a litre",
    "what's 180 cm in feet", "how much is 10 stone in kilos", "5 km in miles", "how many metres is 100 yards",
    "wie viele Meilen sind 10 Kilometer", "combien de litres dans un gallon", "convierte 5 millas a kilómetros",
)
CONVERT_KEYWORDS = (
    "convert*", "how many ... in", "how many ... is", "how many ... are", "fahrenheit", "celsius", "kelvin",
    "kilometres", "kilometers", "kilometer", "km", "miles", "meilen", "millas", "metres", "meters", "feet", "inches", "cm", "kg", "kilos",
    "grams", "pounds", "lbs", "ounces", "oz", "litres", "liters", "gallons", "gallon", "pints", "cups",
    "psi", "bar", "mph", "km/h", "kph", "stone", "yards", "acres", "hectares", "umrechnen", "convertir",
    "convierte")
# The router: the request itself is the quantity (the tool reads the amount and both units out of it), read
# out as it is; a conversion holds an amount ("5 miles", "a gallon").
_AMOUNT_SAID = (r"(?:\d|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|half|ein|eine|einen|un|une|una|uno)\b)")
UNIT_SAID = (r"(?:(?:us|uk|imperial|metric|square|sq|cubic|fluid|fl|nautical|light|short|long|degrees?)\s+)?"
              r"(?:miles?|mi|km|kms|kilomet(?:er|re)s?|met(?:er|re)s?|m|cm|mm|(?:centi|milli)met(?:er|re)s?|feet|foot|"
              r"ft|inch(?:es)?|in|yards?|yd|pounds?|lbs?|ounces?|oz|grams?|g|kg|kilo(?:gram)?s?|stones?|st|tonnes?|tons?|"
              r"lit(?:er|re)s?|l|ml|millilit(?:er|re)s?|gallons?|gal|pints?|quarts?|cups?|(?:table|tea)spoons?|tbsp|"
              r"tsp|degrees?|fahrenheit|celsius|centigrade|kelvin|[cfk]|mph|kph|km/h|knots?|bar|psi|atm|"
              r"atmospheres?|(?:kilo|hecto)?pascals?|kpa|hpa|mbar|acres?|hectares?|ha|calories?|kcal|"
              r"(?:kilo)?joules?|kwh|(?:kilo)?watts?|horsepower|hp|(?:kilo|mega|giga|tera)?bytes?|kb|mb|gb|tb|"
              r"(?:milli)?seconds?|minutes?|hours?|days?|weeks?|years?|"
              r"euros?|dollars?|yen|meilen?|millas?|milles?|kilómetros?|pfund|libras?|livres?|fuß|fuss|pies|pieds?|zoll|"
              r"kilogramm|milligramm|zentimeter|mil[ií]litros?|cent[ií]metros?|kilogramos?|"
              r"pulgadas?|pouces?|unzen?|onzas?|onces?|gramm|gramos|litros?|gal[oó]n(?:es)?|grad|grados|degrés)")
# The router: the request itself is the quantity (the tool reads the amount and both units out of it), read
# out as it is; a conversion holds an amount of a unit ("5 miles", "a gallon", "30°C"): "how many calories are
# in an apple" does not.
CONVERT_ROUTING = Routing(
    "convert that", question="quantity", read_out="always", converts=True,
    signal=r"\d\s*(?:°\s*[cf]|km|kg|cm|mm|ml|lbs?|oz|mph|psi|ft|mi)\b",
    needs=_AMOUNT_SAID + r"\s{0,3}(?:°\s*[cfk]\b|-?" + UNIT_SAID + r"\b)",
    not_for=NOT_A_SUM)  # minutes and hours from or to a time of day: date_time's


@tool("""
    Convert an amount from one unit to another: lengths, weights, volumes, temperatures (Celsius,
    Fahrenheit, kelvin), speeds, pressures, areas, energy, data sizes. Use it for every unit conversion
    instead of working it out yourself. Give `quantity` ('5 miles', '100 degrees Fahrenheit', 'a US
    gallon') and `to` ('km', 'Celsius', 'litres'), or the whole request in `quantity` ('how many
    kilometres is five miles'). Returns the answer as a sentence to say, e.g. '5 miles is 8.05 kilometres.'
    """, examples=CONVERT_EXAMPLES, keywords=CONVERT_KEYWORDS, title="Convert units",
    output_schema={"type": "object", "properties": {
        "value": {"type": "number"}, "unit": {"type": "string"}, "result": {"type": "number"},
        "result_unit": {"type": "string"}}, "required": ["value", "unit", "result", "result_unit"]},
    routing=CONVERT_ROUTING)
def convert_units(
    ctx: ToolContext,
    quantity: Annotated[str, Field(min_length=1, max_length=MAX_CHARS, description=(
        "The amount with its unit, e.g. '5 miles', '100 degrees Fahrenheit', '2.5 kg', 'a US gallon'; or a "
        "whole request when `to` is not given: 'how many kilometres is five miles'."))],
    to: Annotated[str | None, Field(max_length=MAX_UNIT_CHARS, description=(
        "The unit to convert to, e.g. 'km', 'Celsius', 'grams', 'psi', 'litres'. Leave it out when "
        "`quantity` says it."))] = None,
) -> ToolResult:
    text, data = convert(quantity, to)
    return ToolResult(text=text[0].upper() + text[1:], data=data)
