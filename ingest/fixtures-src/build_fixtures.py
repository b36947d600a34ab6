#!/usr/bin/env python3
"""One-off builder of the OData/CSV fixtures served by nl.sobamo.ingest.fixtures.FixtureServer.

Usage: python3 ingest/fixtures-src/build_fixtures.py <shared-data-dir>
Reads the staged public files (see each PROVENANCE.md) and writes responses in the CBS OData v3/v4 response
formats under ingest/src/{main,test}/resources/fixtures/<host>/<path>[@<query>].json. Values are copied
unchanged; only the envelope (value array, odata.nextLink / @odata.nextLink, paging) is constructed. The build is
deterministic: re-running it gives byte-identical files. Nothing in the build or tests reads the staged dir.
"""
import csv, json, os, sys, re

SRC = sys.argv[1]
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src')
MAIN = os.path.join(ROOT, 'main', 'resources', 'fixtures')
TEST = os.path.join(ROOT, 'test', 'resources', 'fixtures')

def write(base, host_path, query, obj=None, raw=None):
    name = host_path.rstrip('/') + (('@' + query) if query else '') + ('.json' if raw is None or obj is not None else '')
    path = os.path.join(base, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        if raw is not None:
            f.write(raw)
        else:
            f.write(json.dumps(obj, ensure_ascii=False, separators=(',', ':')).encode('utf-8'))

def v3_pages(base, host, path, rows, page_size, context):
    """Server-driven paging like CBS v3: odata.nextLink = same URL with $skip=<n>."""
    for i in range(0, max(len(rows), 1), page_size):
        page = {'odata.metadata': context, 'value': rows[i:i + page_size]}
        if i + page_size < len(rows):
            page['odata.nextLink'] = 'https://%s%s?$format=json&$skip=%d' % (host, path, i + page_size)
        write(base, host + path, ('skip-%d' % i) if i else '', page)

def v4_pages(base, host, path, rows, page_size, context):
    for i in range(0, max(len(rows), 1), page_size):
        page = {'@odata.context': context, 'value': rows[i:i + page_size]}
        if i + page_size < len(rows):
            page['@odata.nextLink'] = 'https://%s%s?$skip=%d' % (host, path, i + page_size)
        write(base, host + path, ('skip-%d' % i) if i else '', page)

def num(s):
    if s is None or s == '':
        return None
    try:
        return int(s)
    except ValueError:
        return float(s)

# ---------------------------------------------------------------- CBS KWB 2024 (85984NED), v3 TypedDataSet
V3 = 'opendata.cbs.nl'
kwb_dir = os.path.join(SRC, 'cbs-kwb-2024')
stripped = json.load(open(os.path.join(kwb_dir, 'stripped_filtered_data_2024.json')))
names = {}
with open(os.path.join(SRC, 'cbs-kwb-2024-namen', 'Kerncijfers_wijken_en_buurten_2024_geslachten.csv'), encoding='utf-8-sig', newline='') as f:
    r = csv.reader(f, delimiter=';')
    header = next(r)
    for row in r:
        names[row[3].strip()] = row
table_infos = json.load(open(os.path.join(kwb_dir, 'TableInfos.json')))
data_props = json.load(open(os.path.join(kwb_dir, 'DataProperties.json')))
prop_order = [p['Key'] for p in data_props if p.get('Type') == 'Topic']
ctx = 'https://opendata.cbs.nl/ODataApi/OData/85984NED/$metadata#Cbs.OData.WebAPI.'
write(MAIN, V3 + '/ODataApi/odata/85984NED/TableInfos', '', {'odata.metadata': ctx + 'TableInfos', 'value': table_infos})
write(MAIN, V3 + '/ODataApi/odata/85984NED/DataProperties', '', {'odata.metadata': ctx + 'DataProperties', 'value': data_props})
rows = []
nl = names['NL00']
rows.append({'ID': 0, 'WijkenEnBuurten': 'NL00      ', 'Gemeentenaam_1': nl[1], 'SoortRegio_2': nl[2], 'Codering_3': nl[3],
             'AantalInwoners_5': int(nl[5]), 'Mannen_6': int(nl[6]), 'Vrouwen_7': int(nl[7])})
for code, measures in stripped.items():
    n = names[code]
    row = {'ID': len(rows), 'WijkenEnBuurten': code.ljust(10), 'Gemeentenaam_1': n[1], 'SoortRegio_2': n[2], 'Codering_3': n[3]}
    for k in sorted(measures, key=prop_order.index):
        row[k] = measures[k]
    rows.append(row)
v3_pages(MAIN, V3, '/ODataApi/odata/85984NED/TypedDataSet', rows, 1000, ctx + 'TypedDataSet')
kwb_rows = rows

# ---------------------------------------------------------------- CBS KWB 2024 as a constructed regional v4 table (test only)
V4 = 'odata4.cbs.nl'
measures = [k for k in prop_order if any(k in m for m in stripped.values())]
codes = {k: 'M9%05d' % int(k.rsplit('_', 1)[1]) for k in measures}
prop_by_key = {p['Key']: p for p in data_props}
ctx4 = 'https://odata4.cbs.nl/CBS/85984NED/$metadata#'
write(TEST, V4 + '/CBS/85984NED/Properties', '', {'@odata.context': ctx4 + 'Properties', 'Identifier': '85984NED',
      'Title': table_infos[0]['Title'], 'Modified': table_infos[0]['Modified'], 'TemporalCoverage': '2024',
      'Version': '202503270200', 'License': 'CC BY 4.0', 'ObservationCount': None})
write(TEST, V4 + '/CBS/85984NED/MeasureCodes', '', {'@odata.context': ctx4 + 'MeasureCodes', 'value': [
      {'Identifier': codes[k], 'Title': prop_by_key[k]['Title'], 'Unit': prop_by_key[k].get('Unit'), 'Decimals': int(prop_by_key[k].get('Decimals') or 0),
       'DataType': prop_by_key[k].get('Datatype'), 'Description': prop_by_key[k].get('Description') or ''} for k in measures]})
write(TEST, V4 + '/CBS/85984NED/Dimensions', '', {'@odata.context': ctx4 + 'Dimensions', 'value': [
      {'Identifier': 'WijkenEnBuurten', 'Title': 'Wijken en buurten', 'Kind': 'GeoDimension', 'MapYear': 2024, 'Description': '', 'ReleasePolicy': None}]})
regions = ['NL00'] + [c for c in stripped if c.startswith(('GM0362', 'GM0363', 'WK0362', 'WK0363'))]
write(TEST, V4 + '/CBS/85984NED/WijkenEnBuurtenCodes', '', {'@odata.context': ctx4 + 'WijkenEnBuurtenCodes', 'value': [
      {'Identifier': c, 'Index': i + 1, 'Title': names[c][0], 'Description': None, 'DimensionGroupId': None} for i, c in enumerate(regions)]})
obs = []
by_code = {r['WijkenEnBuurten'].strip(): r for r in kwb_rows}
for k in measures:
    for c in regions:
        v = by_code[c].get(k)
        obs.append({'Id': len(obs), 'Measure': codes[k], 'ValueAttribute': 'None' if v is not None else 'Impossible',
                    'Value': v, 'WijkenEnBuurten': c})
v4_pages(TEST, V4, '/CBS/85984NED/Observations', obs, 400, ctx4 + 'Observations')

# ---------------------------------------------------------------- 80072ned real v4 responses (test only), Observations split into pages
v4dir = os.path.join(SRC, 'odata-v4-fixtures')
for f, name in [('meta_5.json', 'MeasureCodes'), ('meta_6.json', 'Dimensions'), ('meta_7.json', 'Properties'),
                ('meta_9.json', 'PeriodenCodes'), ('meta_11.json', 'BedrijfskenmerkenSBI2008Codes')]:
    write(TEST, V4 + '/CBS/80072ned/' + name, '', raw=open(os.path.join(v4dir, f), 'rb').read()) if False else None
    path = os.path.join(TEST, V4, 'CBS', '80072ned', name + '.json')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, 'wb').write(open(os.path.join(v4dir, f), 'rb').read())
o = json.load(open(os.path.join(v4dir, 'meta_4.json')))
v4_pages(TEST, V4, '/CBS/80072ned/Observations', o['value'], 2000, o['@odata.context'])

# ---------------------------------------------------------------- 83599NED real v3 UntypedDataSet pair (test only), byte-identical
v3dir = os.path.join(SRC, 'odata-v3-fixtures')
for f, q in [('tables_2.json', ''), ('tables_3.json', '@skip-10000')]:
    path = os.path.join(TEST, V3, 'ODataFeed', 'OData', '83599NED', 'UntypedDataSet' + q + '.json')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, 'wb').write(open(os.path.join(v3dir, f), 'rb').read())

# ---------------------------------------------------------------- CBS Gebieden in Nederland 2022 (85067NED), v3
gdir = os.path.join(SRC, 'cbs-gebieden-2022')
def read_csv(name):
    with open(os.path.join(gdir, name), encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))
def typed(d, ints=()):
    return {k: (num(v) if k in ints else (None if v == '' and k in ('ParentID', 'Position') else v)) for k, v in d.items()}
gctx = 'https://opendata.cbs.nl/ODataApi/OData/85067NED/$metadata#Cbs.OData.WebAPI.'
ti = [typed(r, ('ID',)) for r in read_csv('TableInfos.csv')]
write(MAIN, V3 + '/ODataApi/odata/85067NED/TableInfos', '', {'odata.metadata': gctx + 'TableInfos', 'value': ti})
dp = []
for r in read_csv('DataProperties.csv'):
    d = {k: v for k, v in r.items()}
    for k in ('ID', 'Position', 'ParentID', 'Decimals'):
        d[k] = num(d[k])
    for k in ('Datatype', 'Unit', 'Default'):
        if d[k] == '':
            del d[k]
    dp.append(d)
write(MAIN, V3 + '/ODataApi/odata/85067NED/DataProperties', '', {'odata.metadata': gctx + 'DataProperties', 'value': dp})
numeric = {p['Key'] for p in dp if p.get('Datatype') in ('Long', 'Double', 'Integer', 'Float')} | {'ID'}
grows = [{k: (num(v) if k in numeric else v) for k, v in r.items()} for r in read_csv('data.csv')]
v3_pages(MAIN, V3, '/ODataApi/odata/85067NED/TypedDataSet', grows, 100, gctx + 'TypedDataSet')

# ---------------------------------------------------------------- RIVM 50090NED (dataderden), v3 UntypedDataSet
DD = 'dataderden.cbs.nl'
rdir = os.path.join(SRC, 'rivm-gezondheidsmonitor')
with open(os.path.join(rdir, 'gezondheid_gemeenten_50090NED_2012_2016_2020.csv'), encoding='utf-8', newline='') as f:
    rrows = list(csv.DictReader(f))
rctx = 'https://dataderden.cbs.nl/ODataApi/OData/50090NED/$metadata#Cbs.OData.WebAPI.'
write(MAIN, DD + '/ODataApi/odata/50090NED/TableInfos', '', {'odata.metadata': rctx + 'TableInfos', 'value': [
      {'ID': 0, 'Identifier': '50090NED', 'Title': 'Gezondheid per wijk en buurt; 2012/2016/2020 (indeling 2020)',
       'Modified': '2022-01-01T00:00:00', 'Period': '2012, 2016, 2020', 'Catalog': 'RIVM'}]})
urows = [{k: (int(v) if k == 'ID' else v) for k, v in r.items()} for r in rrows]
v3_pages(MAIN, DD, '/ODataApi/odata/50090NED/UntypedDataSet', urows, 1000, rctx + 'UntypedDataSet')

# 50120NED with the margins dimension: SYNTHETIC (test only)
measures50120 = [('ErvarenGezondheidGoedZeerGoed_4', 'ErvarenGezondheidGoedZeerGoed_4'), ('Eenzaam_27', 'Eenzaam_28'),
                 ('ErnstigZeerErnstigEenzaam_28', 'ErnstigZeerErnstigEenzaam_29'), ('Mantelzorger_31', 'Mantelzorger_32'),
                 ('Vrijwilligerswerk_32', 'Vrijwilligerswerk_33')]
sel = [r for r in rrows if r['Perioden'] == '2020JJ00' and r['Leeftijd'] == '20300'
       and r['WijkenEnBuurten'].strip() in ('NL01', 'GM0362', 'GM0363', 'GM0599')]
mrows = []
for r in sel:
    for marge, delta in (('MW00000', 0.0), ('MOG0095', -1.5), ('MBG0095', 1.5)):
        row = {'ID': len(mrows), 'Leeftijd': r['Leeftijd'], 'Marges': marge, 'WijkenEnBuurten': r['WijkenEnBuurten'],
               'Perioden': '2022JJ00', 'Gemeentenaam_1': r['Gemeentenaam_1'], 'SoortRegio_2': r['SoortRegio_2'],
               'Codering_3': r['Codering_3']}
        for new, old in measures50120:
            v = r[old]
            row[new] = ('%8.1f' % (float(v) + delta)) if v.strip() else ''
        mrows.append(row)
mctx = 'https://dataderden.cbs.nl/ODataApi/OData/50120NED/$metadata#Cbs.OData.WebAPI.'
write(TEST, DD + '/ODataApi/odata/50120NED/TableInfos', '', {'odata.metadata': mctx + 'TableInfos', 'value': [
      {'ID': 0, 'Identifier': '50120NED', 'Title': 'SYNTHETIC test table in the shape of 50120NED', 'Modified': '2023-01-01T00:00:00',
       'Period': '2022', 'Catalog': 'RIVM'}]})
v3_pages(TEST, DD, '/ODataApi/odata/50120NED/UntypedDataSet', mrows, 5, mctx + 'UntypedDataSet')

# ---------------------------------------------------------------- Iv3 jaarrekening 2023 in the v3 TypedDataSet shape (constructed)
idir = os.path.join(SRC, 'iv3')
code_of = {}
with open(os.path.join(idir, 'gemeente_codes_2023.csv'), encoding='utf-8', newline='') as f:
    for r in csv.DictReader(f, delimiter=';'):
        code_of[r['naam_analysedata']] = r['gm_code']
code_of['Nederland'] = 'NL01'
with open(os.path.join(idir, 'Analysedata_Iv3_2023_jaarrekening.csv'), encoding='utf-8', newline='') as f:
    irows = list(csv.DictReader(f, delimiter=';'))
T = 'IV3JR2023'
ictx = 'https://dataderden.cbs.nl/ODataApi/OData/%s/$metadata#Cbs.OData.WebAPI.' % T
write(MAIN, DD + '/ODataApi/odata/%s/TableInfos' % T, '', {'odata.metadata': ictx + 'TableInfos', 'value': [
      {'ID': 0, 'Identifier': T, 'Title': 'Iv3 gemeenten; lasten en baten per taakveld, jaarrekening 2023 (constructed fixture)',
       'Modified': '2025-04-23T00:00:00', 'Period': '2023', 'Catalog': 'IV3'}]})
write(MAIN, DD + '/ODataApi/odata/%s/DataProperties' % T, '', {'odata.metadata': ictx + 'DataProperties', 'value': [
      {'ID': 0, 'Position': 0, 'ParentID': None, 'Type': 'GeoDimension', 'Key': 'Gemeenten', 'Title': 'Gemeenten'},
      {'ID': 1, 'Position': 1, 'ParentID': None, 'Type': 'Dimension', 'Key': 'Taakvelden', 'Title': 'Taakvelden'},
      {'ID': 2, 'Position': 2, 'ParentID': None, 'Type': 'TimeDimension', 'Key': 'Perioden', 'Title': 'Perioden'},
      {'ID': 3, 'Position': 3, 'ParentID': None, 'Type': 'Topic', 'Key': 'Lasten_1', 'Title': 'Lasten', 'Datatype': 'Double', 'Unit': 'x 1 000 euro', 'Decimals': 1},
      {'ID': 4, 'Position': 4, 'ParentID': None, 'Type': 'Topic', 'Key': 'Baten_2', 'Title': 'Baten', 'Datatype': 'Double', 'Unit': 'x 1 000 euro', 'Decimals': 1},
      {'ID': 5, 'Position': 5, 'ParentID': None, 'Type': 'Topic', 'Key': 'SalarissenEnSocialeLasten_3', 'Title': 'L1.1 Salarissen en sociale lasten', 'Datatype': 'Double', 'Unit': 'x 1 000 euro', 'Decimals': 1}]})
gem = {}
tv = {}
for r in irows:
    gem.setdefault(code_of[r['Gemeenten']], r['Gemeenten'])
    code = r['Taakveld'].split(' ', 1)[0]
    tv.setdefault(code, r['Taakveld'])
write(MAIN, DD + '/ODataApi/odata/%s/Gemeenten' % T, '', {'odata.metadata': ictx + 'Gemeenten', 'value': [
      {'Key': c.ljust(10), 'Title': n, 'Description': None, 'CategoryGroupID': None} for c, n in gem.items()]})
write(MAIN, DD + '/ODataApi/odata/%s/Taakvelden' % T, '', {'odata.metadata': ictx + 'Taakvelden', 'value': [
      {'Key': c.ljust(6), 'Title': n, 'Description': None, 'CategoryGroupID': None} for c, n in tv.items()]})
trows = []
for r in irows:
    trows.append({'ID': len(trows), 'Gemeenten': code_of[r['Gemeenten']].ljust(10), 'Taakvelden': r['Taakveld'].split(' ', 1)[0].ljust(6),
                  'Perioden': '2023JJ00', 'Lasten_1': num(r['Lasten']), 'Baten_2': num(r['Baten']),
                  'SalarissenEnSocialeLasten_3': num(r['L1.1 Salarissen en sociale lasten'])})
v3_pages(MAIN, DD, '/ODataApi/odata/%s/TypedDataSet' % T, trows, 10000, ictx + 'TypedDataSet')

# ---------------------------------------------------------------- Leefbaarometer 3.0 wijken extract (byte-identical CSV)
LB = 'www.leefbaarometer.nl'
p = os.path.join(MAIN, LB, 'resources', 'leefbaarometer-scores-wijken-2002-2022.csv')
os.makedirs(os.path.dirname(p), exist_ok=True)
open(p, 'wb').write(open(os.path.join(SRC, 'leefbaarometer', 'AmstelveenDataWithDimensions.csv'), 'rb').read())
print('ok', len(kwb_rows), len(obs), len(grows), len(urows), len(mrows), len(trows))
