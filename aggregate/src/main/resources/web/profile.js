// Renders one municipality's profile per sphere against its peer group: plain JS + SVG, no libraries.
(function () {
  'use strict';
  const SPHERES = {
    PERSONAL: ['Persoonlijk', 'eigen netwerk, zelfredzaamheid, eenzaamheid, mantelzorg'],
    COMMUNAL: ['Gemeenschap', 'verenigingen, initiatieven, vrijwilligers, ontmoetingsplekken'],
    INSTITUTIONAL: ['Instituties', 'vrij toegankelijke professionele basisvoorzieningen'],
    CONTEXT: ['Context', 'noemers en achtergrondcijfers, geen onderdeel van de sociale basis']
  };
  const GROUPS = { 'national': 'Nederland', 'size-class': 'gemeentegrootte', 'urbanity': 'stedelijkheid',
    'province': 'provincie', 'size-urbanity': 'grootte × stedelijkheid' };
  // names and definitions come with each indicator from the catalog (sobamo.reference.indicators.v1)
  const UNITS = { EUR: '€', EUR_PER_INHABITANT: '€ per inwoner', PERCENT_OF_TOTAL_LASTEN: '% van de totale lasten',
    PERCENT: '%', COUNT: 'aantal', PER_1000_INHABITANTS: 'per 1.000 inwoners', PER_1000: 'per 1.000',
    PER_1000_AGED_65_PLUS: 'per 1.000 inwoners van 65+', PERCENT_OF_INHABITANTS: '% van de inwoners',
    PERCENT_OF_HOUSEHOLDS: '% van de huishoudens', SCORE: 'score', KM: 'km' };
  const nf = (v, d) => v == null ? '–' : new Intl.NumberFormat('nl-NL', { maximumFractionDigits: d == null ? 1 : d }).format(v);
  // ranks of 0.1 or 99.9 read as "0" or "100": say "<1" or ">99" instead of suggesting an absolute extreme
  const rank = v => v < 1 ? '<1' : v > 99 ? '>99' : nf(v, 0);
  const el = (tag, attrs, text) => {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text != null) e.textContent = text;
    return e;
  };
  const SVGNS = 'http://www.w3.org/2000/svg';
  const s = (tag, attrs, text) => {
    const e = document.createElementNS(SVGNS, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text != null) e.textContent = text;
    return e;
  };

  const params = new URLSearchParams(location.search);
  const form = document.getElementById('pick');
  form.gemeente.value = params.get('gemeente') || 'GM0363';
  form.groep.value = params.get('groep') || 'size-class';

  function niceTicks(lo, hi) {
    const span = hi - lo || Math.abs(hi) || 1;
    const step0 = Math.pow(10, Math.floor(Math.log10(span / 4)));
    const step = [1, 2, 2.5, 5, 10].map(m => m * step0).find(st => span / st <= 5) || step0 * 10;
    const ticks = [];
    for (let k = Math.ceil(lo / step); k * step <= hi + 1e-9; k++) ticks.push(k === 0 ? 0 : k * step);
    return ticks;
  }

  function chart(item, national, peer) {
    const W = 560, left = 150, right = 20, rowH = 30;
    const bands = [national, peer].filter(Boolean);
    const H = bands.length * rowH + 26;
    const svg = s('svg', { width: W, height: H, role: 'img',
      'aria-label': 'spreiding ' + item.indicatorId });
    const vals = [];
    bands.forEach(b => vals.push(b.p10, b.p90));
    if (item.value != null) vals.push(item.value);
    if (national && national.normValue != null) vals.push(national.normValue);
    let lo = Math.min(...vals), hi = Math.max(...vals);
    const pad = (hi - lo) * 0.06 || Math.abs(hi) * 0.1 || 1;
    lo -= pad; hi += pad;
    const x = v => left + (v - lo) / (hi - lo) * (W - left - right);
    bands.forEach((b, i) => {
      const y = 8 + i * rowH + rowH / 2;
      const label = b.groupType === 'national' ? 'Nederland' : b.groupValue.replace('|', ' · ');
      const t = s('text', { x: 0, y: y - 2 }, label.length > 25 ? label.slice(0, 24) + '…' : label);
      t.appendChild(s('title', {}, (GROUPS[b.groupType] || b.groupType) + ': ' + label));
      svg.appendChild(t);
      const cov = b.groupSize ? ('n=' + b.n + ' van ' + b.groupSize) : ('n=' + b.n);
      svg.appendChild(s('text', { x: 0, y: y + 11, class: 'muted', 'font-size': 10 }, cov));
      svg.appendChild(s('line', { x1: x(b.p10), x2: x(b.p90), y1: y, y2: y, class: 'whisker' }));
      [b.p10, b.p90].forEach(v => svg.appendChild(s('line', { x1: x(v), x2: x(v), y1: y - 7, y2: y + 7, class: 'whisker' })));
      svg.appendChild(s('rect', { x: x(b.p25), y: y - 8, width: Math.max(1, x(b.p75) - x(b.p25)), height: 16,
        class: 'box ' + (b.groupType === 'national' ? 'national' : 'peer') }));
      svg.appendChild(s('line', { x1: x(b.median), x2: x(b.median), y1: y - 10, y2: y + 10, class: 'median' }));
    });
    const bottom = 8 + bands.length * rowH;
    svg.appendChild(s('line', { x1: left, x2: W - right, y1: bottom + 2, y2: bottom + 2, class: 'axis' }));
    niceTicks(lo, hi).forEach(t => {
      svg.appendChild(s('line', { x1: x(t), x2: x(t), y1: bottom, y2: bottom + 5, class: 'axis' }));
      svg.appendChild(s('text', { x: x(t), y: bottom + 16, 'text-anchor': 'middle' }, nf(t, Math.abs(hi - lo) < 10 ? 1 : 0)));
    });
    if (national && national.normValue != null) {
      svg.appendChild(s('line', { x1: x(national.normValue), x2: x(national.normValue), y1: 2, y2: bottom, class: 'norm' }));
    }
    if (item.value != null) {
      svg.appendChild(s('line', { x1: x(item.value), x2: x(item.value), y1: 4, y2: bottom, class: 'meline' }));
      bands.forEach((b, i) => svg.appendChild(s('circle', { cx: x(item.value), cy: 8 + i * rowH + rowH / 2, r: 6, class: 'me' })));
    }
    return svg;
  }

  function figures(item, national, peer) {
    const div = el('div', { class: 'figures' });
    if (item.value == null) {
      div.appendChild(el('div', { class: 'warn' }, item.suppressionReason
        ? 'Niet gepubliceerd: kleine aantallen (' + item.suppressionReason.split(':')[0] + ')' : 'Geen waarde'));
      return div;
    }
    div.appendChild(el('div', { class: 'value' }, nf(item.value, 2)));
    if (item.percentileRankNational != null) {
      div.appendChild(el('div', {}, 'Landelijk: percentiel ' + rank(item.percentileRankNational) + ', kwartiel '
        + item.quartileNational + ' · mediaan ' + nf(item.nationalMedian, 2)
        + ' (' + (item.distanceToNationalMedian > 0 ? '+' : '') + nf(item.distanceToNationalMedian, 2) + ')'));
    }
    if (peer && item.peerGroupType === peer.groupType && item.percentileRankPeer != null) {
      div.appendChild(el('div', {}, 'In ' + GROUPS[peer.groupType] + ': percentiel ' + rank(item.percentileRankPeer)
        + ' · mediaan ' + nf(peer.median, 2)));
    } else if (peer) {
      div.appendChild(el('div', {}, 'In ' + GROUPS[peer.groupType] + ': mediaan ' + nf(peer.median, 2)));
    }
    if (item.meetsNorm != null && national) {
      div.appendChild(el('div', { class: item.meetsNorm ? '' : 'warn' },
        (item.meetsNorm ? 'Voldoet aan' : 'Voldoet niet aan') + ' de norm (' + nf(national.normValue, 2) + ')'));
    }
    const c = item.change;
    if (c && c.absoluteChange != null) {
      const sign = c.absoluteChange > 0 ? '+' : '';
      const txt = sign + nf(c.absoluteChange, 2) + (c.relativeChange != null ? ' (' + sign + nf(c.relativeChange, 1) + '%)' : '')
        + ' t.o.v. ' + c.fromPeriod;
      div.appendChild(el('div', { class: c.comparable ? '' : 'warn' },
        txt + (c.comparable ? '' : ' ⚠ niet vergelijkbaar: ' + (c.breakReason || '').split(':').slice(1).join(':').trim())));
    }
    return div;
  }

  function render(profile, peerType) {
    const sum = document.getElementById('summary');
    sum.replaceChildren();
    sum.appendChild(el('h2', {}, (profile.name || profile.municipalityCode) + ' (' + profile.municipalityCode + '), '
      + (profile.latest ? 'laatst beschikbare jaren' : profile.period)));
    const groups = Object.entries(profile.groups).filter(([t]) => t !== 'national')
      .map(([t, v]) => GROUPS[t] + ': ' + v.replace('|', ' · ')).join(' · ');
    sum.appendChild(el('p', { class: 'muted' }, groups ? 'Vergelijkingsgroepen – ' + groups
      : 'Geen gebiedsreferentie: alleen landelijke vergelijking.'));
    document.getElementById('legend').hidden = false;
    const sel = document.getElementById('period');
    const latest = el('option', { value: '' }, 'laatste (standaard ' + profile.period + ')');
    if (profile.latest) latest.selected = true;
    sel.replaceChildren(latest, ...profile.periods.map(p => { const o = el('option', { value: p }, p); if (!profile.latest && p === profile.period) o.selected = true; return o; }));
    const root = document.getElementById('spheres');
    root.replaceChildren();
    profile.spheres.forEach(sp => {
      const sec = el('section', { class: 'sphere' });
      const h = el('h3', {}, SPHERES[sp.sphere][0] + ' ');
      h.appendChild(el('small', {}, SPHERES[sp.sphere][1]));
      sec.appendChild(h);
      if (!sp.indicators.length) sec.appendChild(el('p', { class: 'empty' }, 'Nog geen indicatoren voor deze sfeer in ' + profile.period + '.'));
      sp.indicators.forEach(item => {
        const national = item.benchmarks.find(b => b.groupType === 'national');
        const peer = item.benchmarks.find(b => b.groupType === peerType);
        const row = el('div', { class: 'indicator' });
        const name = el('div');
        const label = (item.name && item.name.nl) || item.indicatorId;
        const def = item.definition || '';
        name.appendChild(el('div', { class: 'name' }, label));
        name.appendChild(el('div', { class: 'unit' }, (UNITS[item.unit] || item.unit) + ' · ' + item.period));
        if (def) name.appendChild(el('div', { class: 'def' }, def));
        row.appendChild(name);
        row.appendChild(national ? chart(item, national, peer) : el('div', { class: 'empty' }, 'Geen vergelijking beschikbaar'));
        row.appendChild(figures(item, national, peer));
        sec.appendChild(row);
      });
      root.appendChild(sec);
    });
    document.body.setAttribute('data-rendered', 'true');
  }

  async function load() {
    const code = form.gemeente.value.trim();
    const period = params.get('jaar');
    const err = document.getElementById('error');
    err.hidden = true;
    try {
      const url = '/api/v1/municipalities/' + encodeURIComponent(code) + '/profile' + (period ? '?period=' + encodeURIComponent(period) : '');
      const response = await fetch(url);
      const body = await response.json();
      if (!response.ok) throw new Error(body.error || response.statusText);
      render(body, form.groep.value);
    } catch (e) {
      err.textContent = 'Kon het profiel niet laden: ' + e.message;
      err.hidden = false;
      document.body.setAttribute('data-rendered', 'error');
    }
  }
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    params.set('gemeente', form.gemeente.value.trim());
    params.set('groep', form.groep.value);
    params.set('jaar', form.jaar.value);
    location.search = params.toString();
  });
  load();
}());
