#!/usr/bin/env python3
"""Writes the adversarial corpus (one response per file) and index.tsv. Constructed, not recorded: each case is a
minimal OData v3 page of CBS Gebieden 85067NED (RegioS, Naam_2, Inwonertal_54 Long) or a Leefbaarometer CSV,
broken in one way. Run from this directory: python3 make_corpus.py"""
import gzip

NL = 'https://opendata.cbs.nl/ODataApi/odata/85067NED/TypedDataSet?$format=json'
def row(code='GM0363    ', naam='Amsterdam   ', inw='931298'):
    return '{"ID":0,"RegioS":"%s","Naam_2":"%s","Inwonertal_54":%s}' % (code, naam, inw)
def page(rows, extra=''):
    return '{"odata.metadata":"x","value":[%s]%s}' % (','.join(rows), extra)
H = 'gm_code,jaar,lbm,afw,fys,onv,soc,vrz,won\n'
C = 'GM0363,2022,4.1,0.1,0.0,0.0,0.0,0.1,0.0\n'
cases = []  # name, kind, body(bytes), records, dead, reasons, skipped, check
def add(name, kind, body, records, dead, reasons='', skipped='', check=''):
    cases.append((name, kind, body if isinstance(body, bytes) else body.encode('utf-8'), records, dead, reasons, skipped, check))

add('v3-ok.json', 'v3', page([row()]), 1, 0, check='Inwonertal_54=931298')
add('v3-truncated.json', 'v3', page([row()])[:40], 0, 1, 'MALFORMED_PAGE')
add('v3-html-error-200.json', 'v3', '<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>', 0, 1, 'MALFORMED_PAGE')
add('v3-atom-xml.json', 'v3', '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>', 0, 1, 'MALFORMED_PAGE')
add('v3-empty-value.json', 'v3', page([]), 0, 0)
add('v3-empty-body.json', 'v3', '', 0, 1, 'MALFORMED_PAGE')
add('v3-no-value-array.json', 'v3', '{"odata.metadata":"x","d":{"results":[]}}', 0, 1, 'MALFORMED_PAGE')
add('v3-value-is-object.json', 'v3', '{"value":{"RegioS":"GM0363"}}', 0, 1, 'MALFORMED_PAGE')
add('v3-nextlink-loop.json', 'v3', page([row()], ',"odata.nextLink":"%s"' % NL), 0, 1, 'MALFORMED_PAGE')
add('v3-nextlink-other-host.json', 'v3', page([row()], ',"odata.nextLink":"https://evil.example.org/TypedDataSet?$skip=1"'), 0, 1, 'MALFORMED_PAGE')
add('v3-nextlink-not-string.json', 'v3', page([row()], ',"odata.nextLink":42'), 0, 1, 'MALFORMED_PAGE')
add('v3-nextlink-not-url.json', 'v3', page([row()], ',"odata.nextLink":"::not a url::"'), 0, 1, 'MALFORMED_PAGE')
add('v3-huge-integer.json', 'v3', page([row(inw='123456789012345678901234567890')]), 1, 0, check='Inwonertal_54=123456789012345678901234567890')
add('v3-huge-exponent.json', 'v3', page([row(inw='1E+30')]), 1, 0, check='Inwonertal_54=1000000000000000000000000000000')
add('v3-nan-string.json', 'v3', page([row(inw='"NaN"')]), 0, 1, 'MALFORMED_ROW')
add('v3-infinity-string.json', 'v3', page([row(inw='"Infinity"')]), 0, 1, 'MALFORMED_ROW')
add('v3-nan-literal.json', 'v3', page([row(inw='NaN')]), 0, 1, 'MALFORMED_PAGE')
add('v3-text-in-number.json', 'v3', page([row(inw='"veel"')]), 0, 1, 'MALFORMED_ROW')
add('v3-missing-marker.json', 'v3', page([row(inw='"."')]), 1, 0, check='Inwonertal_54=.')
add('v3-null-number.json', 'v3', page([row(inw='null')]), 1, 0, check='Inwonertal_54=')
add('v3-padded-codes.json', 'v3', page([row(code='   GM0363      ', naam='  Amsterdam  ')]), 1, 0, check='Naam_2=Amsterdam')
add('v3-missing-region.json', 'v3', page(['{"ID":0,"Naam_2":"X","Inwonertal_54":1}']), 0, 1, 'MALFORMED_ROW')
add('v3-row-not-object.json', 'v3', page(['[1,2,3]', row()]), 1, 1, 'MALFORMED_ROW', check='Inwonertal_54=931298')
add('v3-nested-property.json', 'v3', page(['{"ID":0,"RegioS":"GM0363","Naam_2":{"nl":"A"},"Inwonertal_54":1}']), 0, 1, 'MALFORMED_ROW')
add('v3-aggregate-row.json', 'v3', page([row(code='NL01      ', naam='Nederland')]), 0, 0, skipped='AGGREGATE_ROW=1')
add('v3-bom.json', 'v3', b'\xef\xbb\xbf' + page([row()]).encode(), 1, 0, check='Inwonertal_54=931298')
add('v3-utf16.json', 'v3', page([row()]).encode('utf-16'), 1, 0, check='Inwonertal_54=931298')  # BOM: decoded as UTF-16
add('v3-gzip-garbage.json', 'v3', gzip.compress(page([row()]).encode())[:30], 0, 1, 'MALFORMED_PAGE')
add('v3-trailing-garbage.json', 'v3', page([row()]) + '}{', 0, 1, 'MALFORMED_PAGE')
add('v3-duplicate-key.json', 'v3', page(['{"ID":0,"RegioS":"GM0363","Naam_2":"A","Inwonertal_54":1,"Inwonertal_54":2}']), 0, 1, 'MALFORMED_PAGE')
add('csv-ok.csv', 'csv', H + C, 1, 0, check='lbm=4.1')
add('csv-ragged-rows.csv', 'csv', H + C + 'GM0599,2022,4.0\n' + 'GM0518,2022,4.2,0.1,0.0,0.0,0.0,0.1,0.0,EXTRA\n', 1, 2, 'MALFORMED_ROW', check='lbm=4.1')
add('csv-semicolon.csv', 'csv', H.replace(',', ';') + C.replace(',', ';'), 0, 1, 'MALFORMED_ROW')
add('csv-duplicate-header.csv', 'csv', 'gm_code,jaar,lbm,lbm,afw,fys,onv,soc,vrz\n' + C, 0, 1, 'MALFORMED_PAGE')
add('csv-formula-cells.csv', 'csv', H + 'GM0363,2022,=1+1,0.1,0.0,0.0,0.0,0.1,0.0\n', 0, 1, 'MALFORMED_ROW')
add('csv-bom.csv', 'csv', b'\xef\xbb\xbf' + (H + C).encode(), 1, 0, check='lbm=4.1')
add('csv-empty.csv', 'csv', '', 0, 1, 'MALFORMED_PAGE')
add('csv-unclosed-quote.csv', 'csv', H + 'GM0363,2022,"4.1,0.1,0.0,0.0,0.0,0.1,0.0\n', 0, 1, 'MALFORMED_PAGE')
add('csv-html-error-200.csv', 'csv', '<html><body>502 Bad Gateway</body></html>\n', 0, 1, 'MALFORMED_PAGE')
add('csv-nan-string.csv', 'csv', H + 'GM0363,2022,NaN,0.1,0.0,0.0,0.0,0.1,0.0\n', 0, 1, 'MALFORMED_ROW')

with open('index.tsv', 'w', encoding='utf-8') as idx:
    idx.write('# file\tkind\trecords\tdead_letters\treasons\tskipped\tcheck (field=value of every record; empty value = null)\n')
    for name, kind, body, records, dead, reasons, skipped, check in cases:
        open(name, 'wb').write(body)
        idx.write('\t'.join([name, kind, str(records), str(dead), reasons, skipped, check]) + '\n')
print(len(cases), 'cases')
