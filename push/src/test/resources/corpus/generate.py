#!/usr/bin/env python3
"""Writes the adversarial corpora: push-api.jsonl (one API case a line) and filedrop/ (dropped files plus
filedrop/expected.csv). Re-run after editing; the ITs read only the generated data (PushCorpusIT, FileDropCorpusIT).

API case fields: name, method, path, headers ($KAMPEN / $ZWOLLE become real keys), body (text, or a generator:
$DEEP3000, $DEEP9, $LONGNUM1500, $BIG, $BATCH51), status, reason (rule of the first violation; null for 2xx)."""
import json, os, io, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
P = "/api/v1/municipalities/GM0166/"
AUTH = {"Authorization": "Bearer $KAMPEN"}

VIS = {"facilityId": "bh-de-brug", "facilityType": "buurthuis", "areaCode": "WK016600",
       "periodStart": "2025-01-01", "periodEnd": "2025-03-31", "visits": 4210}
VOL = {"organisation": "Vrijwilligerscentrale Kampen", "areaCode": "GM0166", "periodStart": "2025-01-01",
       "periodEnd": "2025-06-30", "volunteers": 35}
FAC = {"facilityId": "bh-de-brug", "type": "buurthuis", "areaCode": "WK016600", "year": 2025, "m2": 640}
BUD = {"year": 2025, "category": "jongerenwerk", "amountEur": 125000, "kind": "budget"}
EXP = {"service": "buurtteam", "areaCode": "WK016600", "periodStart": "2025-01-01", "periodEnd": "2025-03-31",
       "respondents": 48, "satisfied": {"positive": 40, "neutral": 6, "negative": 2}}
BASE = {"visitors": VIS, "volunteers": VOL, "facilities": FAC, "budget": BUD, "experience": EXP}

cases = []


def case(name, status, reason, dataset="visitors", body=None, method="POST", path=None, headers=None, raw=None):
    if raw is None and body is not None:
        raw = json.dumps(body, ensure_ascii=False)
    cases.append({"name": name, "method": method, "path": path or P + dataset,
                  "headers": AUTH if headers is None else headers, "body": raw, "status": status, "reason": reason})


def w(dataset, **changes):
    r = dict(BASE[dataset])
    for k, v in changes.items():
        if v is None:
            r.pop(k, None)
        else:
            r[k] = v
    return r


# accepted
for ds in BASE:
    case("valid " + ds, 202, None, ds, BASE[ds])
case("valid batch of two", 202, None, "visitors", [VIS, w("visitors", facilityId="inloop-1")])
case("x-api-key header", 202, None, "visitors", VIS, headers={"X-API-Key": "$KAMPEN"})
case("dataset path in capitals", 202, None, "VISITORS", VIS)
case("PUT correction", 202, None, "visitors", VIS, method="PUT")
case("nested statement object", 202, None, "experience", EXP)
case("decimal comma free number", 202, None, "facilities", w("facilities", m2=640.5))
case("estimated flag", 202, None, "visitors", w("visitors", estimated=True))
case("idempotency key uuid", 202, None, "visitors", VIS,
     headers={**AUTH, "Idempotency-Key": "3f1c2b4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"})
case("nine digits failing the 11-proef", 202, None, "visitors", w("visitors", facilityId="bh-123456789"))
case("budget amount of nine digits", 202, None, "budget", w("budget", amountEur=123456782))

# authentication and authorisation
case("no key", 401, "credentials-required", body=VIS, headers={})
case("empty bearer", 401, "credentials-required", body=VIS, headers={"Authorization": "Bearer "})
case("wrong key", 401, "credentials-invalid", body=VIS, headers={"Authorization": "Bearer sbm.0000000000000000.xxx"})
case("garbage key", 401, "credentials-invalid", body=VIS, headers={"Authorization": "Bearer letmein"})
case("basic auth", 401, "credentials-required", body=VIS, headers={"Authorization": "Basic YWRtaW46YWRtaW4="})
case("wrong x-api-key", 401, "credentials-invalid", body=VIS, headers={"X-API-Key": "' OR 1=1 --"})
case("key of another municipality", 403, "own-municipality-only", body=VIS,
     headers={"Authorization": "Bearer $ZWOLLE"})
case("another municipality's path", 403, "own-municipality-only", body=VIS,
     path="/api/v1/municipalities/GM0193/visitors")

# path
case("short municipality code", 400, "format-municipality", path="/api/v1/municipalities/GM166/visitors", body=VIS)
case("lower-case municipality code", 400, "format-municipality", path="/api/v1/municipalities/gm0166/visitors", body=VIS)
case("unknown municipality", 404, "known-municipality", path="/api/v1/municipalities/GM9999/visitors", body=VIS)
case("unknown dataset", 404, "known-dataset", "bezoekers", VIS)
case("dataset traversal", 404, "known-dataset", "..%2Fopenapi.json", VIS)
case("unknown path", 404, "unknown-path", path="/api/v2/municipalities/GM0166/visitors", body=VIS)
case("admin path", 404, "unknown-path", path="/admin", body=VIS)

# methods
case("GET on the push path", 405, "method-not-allowed", method="GET", body=None)
case("DELETE on the push path", 405, "method-not-allowed", method="DELETE", body=None)
case("PATCH on the push path", 405, "method-not-allowed", method="PATCH", body=VIS)
case("POST on health", 405, "method-not-allowed", path="/health", body=VIS)
case("GET health", 200, None, method="GET", path="/health", headers={}, body=None)
case("GET openapi", 200, None, method="GET", path="/api/v1/openapi.json", headers={}, body=None)

# headers
case("idempotency key with spaces", 400, "format-idempotency-key", body=VIS, headers={**AUTH, "Idempotency-Key": "a b"})
case("idempotency key too long", 400, "format-idempotency-key", body=VIS, headers={**AUTH, "Idempotency-Key": "k" * 129})
case("idempotency key with slash", 400, "format-idempotency-key", body=VIS, headers={**AUTH, "Idempotency-Key": "../x"})

# JSON
case("empty body", 400, "body-required", raw="")
case("whitespace body", 400, "body-required", raw="   ")
case("json null", 400, "json-shape", raw="null")
case("json string", 400, "json-shape", raw='"visits"')
case("json number", 400, "json-shape", raw="42")
case("truncated json", 400, "json-syntax", raw='{"visits": 3,')
case("trailing tokens", 400, "json-syntax", raw=json.dumps(VIS) + " {}")
case("single quotes", 400, "json-syntax", raw="{'visits': 3}")
case("comments", 400, "json-syntax", raw='{"visits": 3 /* x */}')
case("NaN", 400, "json-syntax", raw='{"visits": NaN}')
case("Infinity", 400, "json-syntax", raw='{"visits": Infinity}')
case("leading zeros", 400, "json-syntax", raw='{"visits": 007}')
case("xml body", 400, "json-syntax", raw="<visits>3</visits>")
case("nested 3000 deep", 400, "json-too-deep", raw="$DEEP3000")
case("nested 9 deep", 400, "json-too-deep", raw="$DEEP9")
case("number of 1500 digits", 400, "json-limits", raw="$LONGNUM1500")
case("body over 1 MB", 413, "max-body-bytes", raw="$BIG")
case("batch over the limit", 413, "max-batch-records", raw="$BATCH51")
case("empty batch", 422, "batch-not-empty", raw="[]")
case("batch of numbers", 422, "type-object", raw="[1,2]")
case("batch with null", 422, "type-object", raw="[null]")

# personal data: BSN in every spelling (111222333 and 123456782 pass the 11-proef)
for label, text in [("plain", "client 111222333"), ("spaces", "client 111 222 333"), ("dashes", "client 111-222-333"),
                    ("dots", "client 111.222.333"), ("written", "client 1112.22.333"),
                    ("slashes", "client 111/222/333"), ("underscores", "client 111_222_333"),
                    ("spaced dashes", "client 111 - 222 - 333"),
                    ("full-width", "client \uff11\uff11\uff11\uff12\uff12\uff12\uff13\uff13\uff13"),
                    ("arabic-indic", "client \u0661\u0661\u0661\u0662\u0662\u0662\u0663\u0663\u0663"),
                    ("devanagari", "client \u0967\u0967\u0967\u0968\u0968\u0968\u0969\u0969\u0969"),
                    ("zero-width space", "client 111\u200b222\u200b333"),
                    ("zero-width joiner", "client 1\u200d11222333"), ("word joiner", "client 111\u2060222333"),
                    ("soft hyphen", "client 111\u00ad222\u00ad333"), ("bom", "client 111\ufeff222333"),
                    ("nbsp", "client 111\u00a0222\u00a0333"), ("thin space", "client 111\u2009222\u2009333"),
                    ("non-breaking hyphen", "client 111\u2011222\u2011333"), ("em dash", "client 111\u2014222\u2014333"),
                    ("combining mark", "client 1\u03011\u0301 1222333"), ("tab and newline", "client 111\t222\n333"),
                    ("other bsn", "dossier 123 456 782")]:
    case("bsn " + label, 422, "personal-data-bsn", "volunteers", w("volunteers", organisation=text))
case("bsn as number", 422, "personal-data-bsn", "visitors", w("visitors", visits=123456782))
case("bsn as decimal number", 422, "personal-data-bsn", "visitors", raw=json.dumps(VIS)[:-1] + ', "uniqueVisitors": 1.23456782e8}')
case("bsn in id", 422, "personal-data-bsn", "visitors", w("visitors", facilityId="bh-111222333"))
case("bsn as field name", 422, "personal-data-bsn", "visitors", {**VIS, "111222333": 1})
case("bsn in nested field", 422, "personal-data-bsn", "experience", {**EXP, "note": {"x": "111 222 333"}})
case("email", 422, "personal-data-email", "volunteers", w("volunteers", organisation="contact jan@example.nl"))
case("email full-width at", 422, "personal-data-email", "volunteers", w("volunteers", organisation="jan\uff20example.nl"))
case("email with zero-width", 422, "personal-data-email", "volunteers", w("volunteers", organisation="jan@exa\u200bmple.nl"))
for field in ["naam", "bsn", "geboortedatum", "Telefoon", "e-mail", "Birth_Date", "adres", "clientnummer", "iban"]:
    case("personal field " + field, 422, "personal-data-field", "volunteers", {**VOL, field: "x"})
case("personal field nested", 422, "personal-data-field", "volunteers", {**VOL, "client": {"voornaam": "x"}})
case("one unique visitor", 422, "person-level", "visitors", w("visitors", uniqueVisitors=1))
case("one volunteer", 422, "person-level", "volunteers", w("volunteers", volunteers=1))
case("three respondents", 422, "person-level", "experience", w("experience", respondents=3,
     satisfied={"positive": 1, "neutral": 1, "negative": 1}))

# the contract normalize enforces
case("m2 1e309", 422, "max", "facilities", raw=json.dumps(FAC)[:-1] + ', "fteProfessionals": 1e309}')
case("visits 1e10000000", 422, "max", "visitors", raw=json.dumps(w("visitors", visits=None))[:-1] + ', "visits": 1e10000000}')
case("m2 1e-300", 422, "max-decimals", "facilities", raw=json.dumps(w("facilities", m2=None))[:-1] + ', "m2": 1e-300}')
case("m2 1e16", 422, "max", "facilities", w("facilities", m2=10 ** 16))
case("m2 seven decimals", 422, "max-decimals", "facilities", w("facilities", m2=1.1234567))
case("negative visits", 422, "not-negative", "visitors", w("visitors", visits=-5))
case("negative huge", 422, "not-negative", "visitors", raw=json.dumps(w("visitors", visits=None))[:-1] + ', "visits": -1e400}')
case("visits as text", 422, "type-integer", "visitors", w("visitors", visits="many"))
case("visits fraction", 422, "type-integer", "visitors", w("visitors", visits=1.5))
case("visits boolean", 422, "type-integer", "visitors", w("visitors", visits=True))
case("year 1999", 422, "range-year", "facilities", w("facilities", year=1999))
case("year 0001", 422, "range-year", "facilities", w("facilities", year=1))
case("year -0001", 422, "range-year", "facilities", w("facilities", year=-1))
case("year 2101", 422, "range-year", "facilities", w("facilities", year=2101))
case("year as text", 422, "type-integer", "facilities", w("facilities", year="2025"))
case("date year -0001", 422, "type-date", "visitors", w("visitors", periodStart="-0001-01-01", periodEnd="-0001-03-31"))
case("date year 0001", 422, "range-year", "visitors", w("visitors", periodStart="0001-01-01", periodEnd="0001-03-31"))
case("date year +12025", 422, "type-date", "visitors", w("visitors", periodStart="+12025-01-01"))
case("date 30 february", 422, "type-date", "visitors", w("visitors", periodStart="2025-02-30"))
case("date dutch order", 422, "type-date", "visitors", w("visitors", periodStart="01-01-2025"))
case("date with time", 422, "type-date", "visitors", w("visitors", periodStart="2025-01-01T00:00:00"))
case("period reversed", 422, "period-order", "visitors", w("visitors", periodStart="2025-03-31", periodEnd="2025-01-01"))
case("period over two years", 422, "period-one-year", "visitors", w("visitors", periodStart="2024-12-01"))
case("period in the future", 422, "not-in-future", "visitors", w("visitors", periodStart="2099-01-01", periodEnd="2099-03-31"))
case("unique above visits", 422, "unique-le-visits", "visitors", w("visitors", uniqueVisitors=5000))
case("unknown field", 422, "unknown-field", "visitors", {**VIS, "colour": "red"})
case("formula field name", 422, "unknown-field", "visitors", {**VIS, "=HYPERLINK(\"http://x\")": "1"})
case("array value", 422, "type-array", "visitors", {**VIS, "visits": [1, 2]})
case("missing required", 422, "required", "visitors", w("visitors", visits=None))
case("null required", 422, "required", "visitors", w("visitors", visits=None) | {"visits": None})
case("bad enum", 422, "enum", "visitors", w("visitors", facilityType="kroeg"))
case("area elsewhere", 422, "area-in-municipality", "visitors", w("visitors", areaCode="WK019300"))
case("area malformed", 422, "format-area-code", "visitors", w("visitors", areaCode="WK16600"))
case("id with slash", 422, "format-id", "visitors", w("visitors", facilityId="a/b"))
case("id with path traversal", 422, "format-id", "visitors", w("visitors", facilityId="../../etc"))
case("text too long", 422, "max-length", "volunteers", w("volunteers", organisation="x" * 201))
case("opening hours 169", 422, "max", "facilities", w("facilities", openingHoursPerWeek=169))
case("category and taakveld", 422, "category-or-taakveld", "budget", w("budget", taakveld="6.1"))
case("duplicate key in batch", 422, "duplicate-key", "visitors", [VIS, VIS])
case("answers above respondents", 422, "answers-le-respondents", "experience",
     w("experience", satisfied={"positive": 40, "neutral": 6, "negative": 20}))
case("statement incomplete", 422, "statement-complete", "experience", w("experience", satisfied={"positive": 40}))

with open(os.path.join(HERE, "push-api.jsonl"), "w", encoding="utf-8") as f:
    for c in cases:
        f.write(json.dumps(c, ensure_ascii=True) + "\n")

# ---------------------------------------------------------------- file drop
D = os.path.join(HERE, "filedrop")
expected = []


def drop(folder, name, data, outcome, reason):
    os.makedirs(os.path.join(D, folder), exist_ok=True)
    with open(os.path.join(D, folder, name), "wb") as f:
        f.write(data)
    expected.append(f"{folder}/{name};{outcome};{reason}")


def xlsx(rows):
    """A minimal workbook: inline strings, numbers as numbers."""
    def cell(c, r, v):
        ref = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[c] + str(r)
        if isinstance(v, (int, float)):
            return f'<c r="{ref}"><v>{v}</v></c>'
        v = str(v).replace("&", "&amp;").replace("<", "&lt;")
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{v}</t></is></c>'
    sheet = "".join(f'<row r="{r + 1}">' + "".join(cell(c, r + 1, v) for c, v in enumerate(row)) + "</row>"
                    for r, row in enumerate(rows))
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + sheet + '</sheetData></worksheet>')
    return b.getvalue()


H = "organisation;areaCode;periodStart;periodEnd;volunteers"
def vol(org, n=40, sep=";"):
    return f"{org}{sep}GM0166{sep}2025-01-01{sep}2025-06-30{sep}{n}"

K = "GM0166"
drop(K, "volunteers-ok.csv", (H + "\n" + vol("Buurtbus Kampen") + "\n").encode(), "done", "ok")
drop(K, "volunteers-comma.csv", (H.replace(";", ",") + "\n" + vol("Voedselbank", sep=",") + "\n").encode(), "done", "ok")
drop(K, "volunteers-bom.csv", ("\ufeff" + H + "\n" + vol("Repair Café") + "\n").encode(), "done", "ok")
drop(K, "volunteers-utf16le.csv", ("\ufeff" + H + "\n" + vol("Café de Brug") + "\n").encode("utf-16-le"), "done", "ok")
drop(K, "volunteers-utf16be.csv", ("\ufeff" + H + "\n" + vol("Café de Hoek") + "\n").encode("utf-16-be"), "done", "ok")
drop(K, "volunteers-crlf.csv", (H + "\r\n" + vol("Kledingbank") + "\r\n").encode(), "done", "ok")
drop(K, "volunteers-quoted.csv", (H + "\n" + vol('"Stichting ""Samen""; Kampen"') + "\n").encode(), "done", "ok")
drop(K, "volunteers-ok.xlsx", xlsx([H.split(";"), ["Taalhuis", "GM0166", "2025-01-01", "2025-06-30", 25]]), "done", "ok")
drop(K, "facilities-decimal.xlsx", xlsx([["facilityId", "type", "areaCode", "year", "m2"], ["bh-1", "buurthuis", "WK016600", 2025, 1.234]]), "done", "ok")
drop(K, "volunteers-cp1252.csv", (H + "\n" + vol("Café Noord") + "\n").encode("cp1252"), "failed", "file-encoding")
drop(K, "volunteers-utf16-nobom.csv", (H + "\n" + vol("Buurthuis") + "\n").encode("utf-16-le"), "failed", "file-encoding")
drop(K, "volunteers-empty.csv", b"", "failed", "batch-not-empty")
drop(K, "volunteers-header-only.csv", (H + "\n").encode(), "failed", "batch-not-empty")
drop(K, "volunteers-ragged.csv", (H + "\n" + vol("Buurtbus") + ";extra\n").encode(), "failed", "extra-cells")
drop(K, "volunteers-dup-header.csv", (H + ";volunteers\n" + vol("Buurtbus") + ";41\n").encode(), "failed", "duplicate-header")
drop(K, "volunteers-thousands.csv", (H + "\n" + vol("Buurtbus", "12.000") + "\n").encode(), "failed", "ambiguous-number")
drop(K, "volunteers-thousands-comma.csv", (H + "\n" + vol("Buurtbus", "12,000") + "\n").encode(), "failed", "ambiguous-number")
drop(K, "volunteers-dutch-grouping.csv", (H + "\n" + vol("Buurtbus", "1.250.000,50") + "\n").encode(), "failed", "ambiguous-number")
drop(K, "volunteers-formula.csv", (H + ";=HYPERLINK(\"http://evil.example\")\n" + vol("Buurtbus") + ";x\n").encode(), "failed", "unknown-field")
drop(K, "volunteers-formula-cell.csv", (H + "\n" + vol("=1+2") + "\n").encode(), "done", "ok")
drop(K, "volunteers-negative.csv", (H + "\n" + vol("Buurtbus", -3) + "\n").encode(), "failed", "not-negative")
drop(K, "volunteers-year-0001.csv", (H + "\nBuurtbus;GM0166;0001-01-01;0001-06-30;40\n").encode(), "failed", "range-year")
drop(K, "volunteers-corrupt.xlsx", b"PK\x03\x04 this is not a zip", "failed", "file-format")
drop(K, "volunteers-truncated.xlsx", xlsx([H.split(";"), ["Taalhuis", "GM0166", "2025-01-01", "2025-06-30", 25]])[:300], "failed", "file-format")
drop(K, "volunteers-not-xlsx.xlsx", (H + "\n" + vol("Buurtbus") + "\n").encode(), "failed", "file-format")
drop(K, "bezoekers-2025.csv", b"a;b\n1;2\n", "failed", "known-dataset")
drop("GM9999", "volunteers-2025.csv", (H + "\n" + vol("Buurtbus") + "\n").encode(), "failed", "known-municipality")
drop("kampen", "volunteers-2025.csv", (H + "\n" + vol("Buurtbus") + "\n").encode(), "failed", "known-municipality")
drop(K, "volunteers-huge.csv", (H + "\n" + "".join(vol(f"Organisatie {i}") + "\n" for i in range(60))).encode(), "failed", "max-batch-records")
# personal data in every spelling: deleted, report only
for i, text in enumerate(["client 111222333", "client 111 222 333", "client 111-222-333", "client 111.222.333",
                          "client \uff11\uff11\uff11\uff12\uff12\uff12\uff13\uff13\uff13", "client 111\u200b222\u200b333",
                          "client \u0661\u0661\u0661\u0662\u0662\u0662\u0663\u0663\u0663", "mail jan@example.nl"]):
    drop(K, f"volunteers-pd-{i}.csv", (H + "\n" + vol(text) + "\n").encode(), "deleted",
         "personal-data-email" if "@" in text else "personal-data-bsn")
drop(K, "volunteers-pd-header.csv", (H + ";bsn\n" + vol("Buurtbus") + ";x\n").encode(), "deleted", "personal-data-field")
drop(K, "volunteers-pd-extra-cell.csv", (H + "\n" + vol("Buurtbus") + ";111 222 333\n").encode(), "deleted", "personal-data-bsn")
drop(K, "volunteers-pd-dup-header.csv", (H + ";organisation\n" + vol("Buurtbus") + ";111222333\n").encode(), "deleted", "personal-data-bsn")
drop(K, "volunteers-pd-cp1252.csv", (H + "\n" + vol("Café 111 222 333") + "\n").encode("cp1252"), "deleted", "file-encoding")
drop(K, "volunteers-pd.xlsx", xlsx([H.split(";"), ["client 111 222 333", "GM0166", "2025-01-01", "2025-06-30", 25]]), "deleted", "personal-data-bsn")
drop(K, "volunteers-pd-number.xlsx", xlsx([H.split(";"), ["Buurtbus", "GM0166", "2025-01-01", "2025-06-30", 111222333]]), "deleted", "personal-data-bsn")
drop(K, "visitors-one-person.csv", b"facilityId;facilityType;areaCode;periodStart;periodEnd;visits;uniqueVisitors\nbh-1;buurthuis;WK016600;2025-01-01;2025-03-31;12;1\n", "deleted", "person-level")

with open(os.path.join(D, "expected.csv"), "w", encoding="utf-8") as f:
    f.write("file;outcome;reason\n" + "\n".join(expected) + "\n")
print(len(cases), "API cases,", len(expected), "files")
