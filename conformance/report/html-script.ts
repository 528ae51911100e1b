/**
 * The script inlined into results.html: it reads the embedded JSON and draws the header, the
 * failure clusters, the ERROR results grouped by reason, the filters, the clause × loader matrix,
 * and the panel: a cell's, a cluster's or an error's cases, a case's checked trace, a clause.
 *
 * @module
 */

/** The JavaScript of results.html (plain ES2020, no dependencies, no network). */
export const HTML_SCRIPT = String.raw`
(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('dlspec-data').textContent);
  var R = DATA.report, CL = DATA.clauses;
  var SEV = ['FAIL', 'XPASS', 'ERROR', 'UNSPECIFIED', 'XFAIL', 'PASS', 'NOT-REACHED', 'UNSUPPORTED'];
  var LOADERS = R.loaders.map(function (l) { return l.id; });
  R.results.forEach(function (r) { if (LOADERS.indexOf(r.loader) < 0) LOADERS.push(r.loader); });
  var CLUSTERS = R.clusters || [];
  var ERRORS = errorGroups(R.results.filter(function (r) { return r.verdict === 'ERROR'; }));
  var state = { proposal: '', profile: '', status: '', verdict: '', loader: '', clause: null, cellLoader: null, cluster: null, error: null };
  function $(id) { return document.getElementById(id); }
  function el(tag, props, kids) {
    var e = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (props[k] == null) return;
      if (k === 'text') e.textContent = props[k]; else if (k === 'cls') e.className = props[k];
      else if (k === 'on') e.addEventListener('click', props[k]); else e.setAttribute(k, props[k]);
    });
    (kids || []).forEach(function (c) { if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  // Text that may wrap after the separators of a call (',', '|', ':', '(', '/') as well as at spaces, never inside a word;
  // with whole set (a loader id), only after ':' and '+', and not at a hyphen either.
  function breakable(tag, props, text, whole) {
    var e = el(tag, props), parts = String(text).split(whole ? /(?<=[:+])/ : /(?<=[,|:(\/])/);
    parts.forEach(function (p, i) { if (i) e.appendChild(document.createElement('wbr')); e.appendChild(whole ? el('span', { cls: 'nowrap', text: p }) : document.createTextNode(p)); });
    return e;
  }
  function area(id) { return id.split('.')[0]; }
  function chapterOf(id) { var p = id.split('.'); return p[0] + '.' + p[1]; }
  function badge(v) { return el('span', { cls: 'badge v-' + v, text: v }); }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }
  // A clause ID: a link to its page when the documentation existed as the report was written, else it shows the clause in the panel.
  function clauseLink(id) {
    var c = CL[id] || {};
    if (c.docs) return el('a', { href: DATA.docsBase + id + '.html', cls: 'mono clause-link', 'data-clause-link': id, text: id, title: c.text || '' });
    return el('a', { href: '#', cls: 'mono clause-link', 'data-clause-link': id, text: id, title: c.text || '', on: function (e) { e.preventDefault(); showClause(id); } });
  }
  function uniq(list) { return list.filter(function (x, i) { return x != null && list.indexOf(x) === i; }).sort(); }
  function inProfile(r) { return !state.profile || r.profile === state.profile; }

  function header() {
    var h = $('head');
    h.appendChild(el('h1', { text: 'dlspec conformance results' }));
    h.appendChild(el('p', { cls: 'meta', text: 'dlspec ' + R.dlspec + ' · driver protocol ' + R.driverProtocolVersion + ' · kernel ' + R.kernel +
      ' · host ' + R.host + ' · seed ' + (R.seed == null ? 'none' : R.seed) + ' · ' + R.started + ' to ' + R.finished + (R.interrupted ? ' (interrupted)' : '') +
      ' · ' + R.results.length + ' results' }));
    var t = el('table', { cls: 'loaders' }, [el('tr', {}, ['loader', 'C library', 'version', 'build id', 'verdicts'].map(function (x) { return el('th', { text: x }); }))]);
    LOADERS.forEach(function (id) {
      var l = R.loaders.filter(function (x) { return x.id === id; })[0] || { id: id };
      var ident = l.identity || {}, counts = (R.summary.byLoader || {})[id] || {};
      var vs = el('td', {}, SEV.filter(function (k) { return counts[k]; }).map(function (k) { return el('span', {}, [badge(k), ' ' + counts[k] + ' ']); }));
      t.appendChild(el('tr', { 'data-loader': id }, [el('td', { cls: 'mono nowrap', text: id }), el('td', { cls: 'mono', text: ident.path || (l.description || '') }),
        el('td', { text: ident.version || '' }), el('td', { cls: 'mono', text: ident.buildId || '' }), vs]));
    });
    h.appendChild(t);
    if (R.problems.length) h.appendChild(el('p', { cls: 'note', text: 'Harness problems: ' + R.problems.join('; ') }));
  }

  function select(id, label, values) {
    var s = el('select', { id: id }, [el('option', { value: '', text: 'all' })].concat(values.map(function (v) { return el('option', { value: v, text: v }); })));
    s.addEventListener('change', function () { state[id.slice(2)] = s.value; render(); });
    return el('label', {}, [label, s]);
  }
  function filters() {
    var f = $('filters');
    var ids = Object.keys(R.summary.byClause);
    f.appendChild(select('f-proposal', 'Proposal', uniq(ids.map(area))));
    f.appendChild(select('f-profile', 'Profile', uniq(R.results.map(function (r) { return r.profile; }))));
    f.appendChild(select('f-status', 'Clause status', uniq(ids.map(function (c) { return (CL[c] || {}).status || 'unknown'; }))));
    f.appendChild(select('f-verdict', 'Verdict', SEV.slice()));
    f.appendChild(select('f-loader', 'Loader', LOADERS.slice()));
    f.appendChild(el('span', { cls: 'legend' }, SEV.map(badge)));
  }

  // The matrices come computed from report/summary.ts (one rule for every format).
  function matrix() {
    if (!state.profile) return R.summary.byClause;
    return (R.summary.byProfile || {})[state.profile] || {};
  }

  // The panel: closed until something is chosen; its clause view sits above the cases and the trace.
  function openPanel(keepClause) {
    var p = $('panel');
    p.hidden = false;
    if (!keepClause) $('clause-view').textContent = '';
    var body = $('panel-body'); body.textContent = '';
    p.scrollTop = 0;
    return body;
  }
  function closePanel() {
    $('panel').hidden = true;
    state.clause = null; state.cellLoader = null; state.cluster = null; state.error = null; render();
  }
  function caseList(results, cellClause) {
    var ul = el('ul', { cls: 'cases' });
    results.forEach(function (r) {
      var v = cellClause ? r.cells[cellClause] : r.verdict;
      var li = el('li', { cls: 'case', 'data-case': r.case, 'data-verdict': r.verdict, title: r.reason || null }, [badge(v), v !== r.verdict ? el('span', { cls: 'meta', text: '(case ' + r.verdict + ')' }) : null,
        el('span', { cls: 'mono', text: r.case }), el('span', { cls: 'meta', text: '[' + (r.profile || '-') + ']' }),
        cellClause ? null : el('span', { cls: 'mono meta', text: r.loader }), r.divergence ? el('span', { cls: 'meta', text: 'step ' + r.divergence.step }) : null]);
      li.addEventListener('click', function () { Array.prototype.forEach.call(ul.children, function (x) { x.classList.remove('selected'); }); li.classList.add('selected'); openResult(r); });
      ul.appendChild(li);
    });
    return ul;
  }

  function signature(s) { return s.call + ' ' + s.kind + (s.shown ? ' ' + s.shown : ''); }
  function clauseList(ids) { var out = []; ids.forEach(function (c, i) { if (i) out.push(', '); out.push(clauseLink(c)); }); return out.length ? out : ['none']; }
  function renderClusters() {
    var box = $('clusters'), list = $('cluster-list');
    if (!CLUSTERS.length) { box.hidden = true; return; }
    var shown = CLUSTERS.filter(function (c) { return !state.loader || c.loader === state.loader; });
    $('clusters-title').textContent = 'Failure clusters (' + shown.length + (shown.length === CLUSTERS.length ? '' : ' of ' + CLUSTERS.length) + ')';
    list.textContent = '';
    shown.forEach(function (c) {
      var i = CLUSTERS.indexOf(c);
      list.appendChild(el('li', { cls: 'cluster' + (state.cluster === i ? ' selected' : ''), 'data-cluster': String(i), 'data-loader': c.loader, on: function () { openCluster(i); } }, [
        el('span', { cls: 'size', text: c.size + '×' }), el('span', { cls: 'mono', text: c.loader }), el('span', { cls: 'mono sig', text: signature(c.signature) }),
        el('span', { cls: 'meta', text: 'broke ' + (c.signature.violated.join(', ') || 'none') + ' · not reached ' + c.notReached.length })]));
    });
  }

  function openCluster(i) {
    var c = CLUSTERS[i];
    state.cluster = i; state.error = null; state.clause = null; state.cellLoader = null; render();
    var p = openPanel();
    p.appendChild(el('h2', {}, ['Cluster: ' + c.size + '× ', el('span', { cls: 'mono', text: signature(c.signature) }), ' on ', el('span', { cls: 'mono', text: c.loader })]));
    p.appendChild(el('div', {}, ['Broke: '].concat(clauseList(c.signature.violated))));
    p.appendChild(el('div', {}, ['Not reached: '].concat(clauseList(c.notReached))));
    p.appendChild(el('p', {}, ['Reproduce: ', el('code', { cls: 'repro', text: c.repro })]));
    var results = c.cases.map(function (m) { return R.results.filter(function (x) { return x.loader === c.loader && x.case === m.case && x.profile === m.profile; })[0]; })
      .filter(function (r) { return r; });
    p.appendChild(caseList(results));
    p.appendChild(el('div', { id: 'trace' }));
  }

  // The ERROR results, grouped by reason: one line per reason with its size and loaders, largest first.
  function errorGroups(errors) {
    var groups = [];
    errors.forEach(function (r) {
      var reason = r.reason || '(no reason recorded)';
      var g = groups.filter(function (x) { return x.reason === reason; })[0];
      if (!g) groups.push(g = { reason: reason, results: [] });
      g.results.push(r);
    });
    return groups.sort(function (a, b) { return b.results.length - a.results.length || a.reason.localeCompare(b.reason); });
  }
  function renderErrors() {
    var box = $('errors'), list = $('error-list');
    if (!ERRORS.length) { box.hidden = true; return; }
    box.hidden = false;
    var total = ERRORS.reduce(function (n, g) { return n + g.results.length; }, 0);
    var shown = ERRORS.filter(function (g) { return !state.loader || g.results.some(function (r) { return r.loader === state.loader; }); });
    $('errors-title').textContent = 'Errors (' + plural(total, 'ERROR result') + ', ' + plural(ERRORS.length, 'reason') +
      (shown.length === ERRORS.length ? '' : '; ' + shown.length + ' shown') + ')';
    list.textContent = '';
    shown.forEach(function (g) {
      var i = ERRORS.indexOf(g);
      list.appendChild(el('li', { cls: 'error' + (state.error === i ? ' selected' : ''), 'data-error': String(i), on: function () { openErrors(i); } }, [
        el('span', { cls: 'size', text: g.results.length + '×' }), el('span', { cls: 'mono reason-line', text: g.reason.split('\n')[0] }),
        el('span', { cls: 'meta', text: 'on ' + LOADERS.filter(function (l) { return g.results.some(function (r) { return r.loader === l; }); }).join(', ') })]));
    });
  }

  function openErrors(i) {
    var g = ERRORS[i];
    state.error = i; state.cluster = null; state.clause = null; state.cellLoader = null; render();
    var p = openPanel();
    p.appendChild(el('h2', { text: 'Errors: ' + plural(g.results.length, 'ERROR result') + ' with one reason' }));
    var ul = caseList(g.results);
    p.appendChild(ul);
    p.appendChild(el('div', { id: 'trace' }));
    ul.firstChild.classList.add('selected');
    openResult(g.results[0], true);
  }

  function render() {
    renderClusters();
    renderErrors();
    var m = matrix();
    var loaders = LOADERS.filter(function (l) { return !state.loader || l === state.loader; });
    var ids = Object.keys(m).sort().filter(function (c) {
      if (state.proposal && area(c) !== state.proposal) return false;
      if (state.status && ((CL[c] || {}).status || 'unknown') !== state.status) return false;
      if (state.verdict && !loaders.some(function (l) { return m[c][l] === state.verdict; })) return false;
      return true;
    });
    var table = $('matrix');
    table.textContent = '';
    table.appendChild(el('thead', {}, [el('tr', {}, [el('th', { text: 'clause' }), el('th', { text: 'status' })].concat(loaders.map(function (l) {
      return breakable('th', { cls: 'mono loader', 'data-loader': l, title: l }, l, true);
    })))]));
    var body = el('tbody'), group = null;
    ids.forEach(function (c) {
      if (chapterOf(c) !== group) {
        group = chapterOf(c);
        var n = ids.filter(function (x) { return chapterOf(x) === group; }).length;
        body.appendChild(el('tr', { cls: 'group' }, [el('th', { colspan: String(loaders.length + 2), text: group + '  (' + n + ')' + ((CL[c] || {}).chapter ? ' · ' + CL[c].chapter : '') })]));
      }
      var row = el('tr', { cls: 'clause', 'data-clause': c }, [el('td', { cls: 'clause' }, [clauseLink(c)]), el('td', { cls: 'status', text: (CL[c] || {}).status || '' })]);
      loaders.forEach(function (l) {
        var v = m[c][l];
        var cls = 'cell v-' + (v || 'none') + (state.verdict && v !== state.verdict ? ' dim' : '') + (state.clause === c && state.cellLoader === l ? ' selected' : '');
        row.appendChild(el('td', { cls: cls, 'data-loader': l, 'data-verdict': v || '', text: v || '·', on: v ? function () { openCell(c, l); } : null }));
      });
      body.appendChild(row);
    });
    table.appendChild(body);
    $('count').textContent = ids.length + ' of ' + Object.keys(R.summary.byClause).length + ' covered clauses shown';
  }

  // A clause's ID, status and text; the ID is a link only when it leads to the clause's page.
  function clauseBlock(id) {
    var c = CL[id] || {};
    return el('div', { cls: 'clause-block', 'data-clause': id }, [c.docs ? clauseLink(id) : el('span', { cls: 'mono', text: id }), ' ', el('span', { cls: 'status meta', text: c.status || '' }),
      el('div', { cls: 'clause-text', text: c.text || '(no text)' })]);
  }

  // The clause view at the top of the panel (a clause ID clicked when its page does not exist): its text and its cells, each opening its cases.
  function showClause(id) {
    var p = $('panel'), wasOpen = !p.hidden, c = CL[id] || {};
    if (!wasOpen) openPanel(true).appendChild(el('p', { cls: 'empty', text: 'Click a verdict to list the cases behind it.' }));
    p.hidden = false;
    var v = $('clause-view'); v.textContent = '';
    v.appendChild(el('h2', {}, ['Clause ', el('span', { cls: 'mono', text: id })]));
    v.appendChild(el('div', { cls: 'meta', text: [c.status, c.chapter].filter(function (x) { return x; }).join(' · ') }));
    v.appendChild(el('div', { cls: 'clause-text', id: 'clause-text', text: c.text || '(no text in this report)' }));
    var row = matrix()[id] || {};
    var cells = LOADERS.filter(function (l) { return row[l]; });
    v.appendChild(el('div', { cls: 'verdicts' }, cells.length ? cells.map(function (l) {
      return el('span', {}, [el('span', { cls: 'mono', text: l + ' ' }), el('button', { type: 'button', cls: 'badge v-' + row[l], text: row[l], on: function () { openCell(id, l); } })]);
    }) : [el('span', { cls: 'empty', text: 'No result judged this clause.' })]));
    p.scrollTop = 0;
  }

  function openCell(clause, loader) {
    state.clause = clause; state.cellLoader = loader; state.cluster = null; state.error = null; render();
    var p = openPanel();
    p.appendChild(el('h2', {}, ['Cases covering ', clauseLink(clause), ' on ', el('span', { cls: 'mono', text: loader })]));
    p.appendChild(clauseBlock(clause));
    var rs = R.results.filter(function (r) { return r.loader === loader && inProfile(r) && r.cells && r.cells[clause]; })
      .sort(function (a, b) { return SEV.indexOf(a.verdict) - SEV.indexOf(b.verdict) || a.case.localeCompare(b.case); });
    p.appendChild(caseList(rs, clause));
    p.appendChild(el('div', { id: 'trace' }));
  }

  function openResult(r, stay) {
    var t = $('trace'); t.textContent = '';
    t.appendChild(el('h2', {}, [badge(r.verdict), ' ', el('span', { cls: 'mono', text: r.case }), ' [' + (r.profile || '-') + '] on ', el('span', { cls: 'mono', text: r.loader })]));
    t.appendChild(el('p', { cls: 'meta mono', text: r.file + ' · ' + r.ms + ' ms' }));
    if (r.reason) t.appendChild(el('div', { cls: 'reason' + (r.verdict === 'UNSUPPORTED' ? ' unsupported' : ''), id: 'reason' }, [
      el('strong', { text: r.verdict === 'ERROR' ? 'Why ERROR' : r.verdict === 'UNSUPPORTED' ? 'Why UNSUPPORTED' : 'Reason' }), el('span', { cls: 'mono', text: r.reason })]));
    if (r.note) t.appendChild(el('p', { cls: 'note', text: r.note }));
    if (r.expected) t.appendChild(el('p', { cls: 'note', text: 'Expected failure: ' + r.expected.kind + ' at step ' + r.expected.step + ' (' + r.expected.why + ', ' + r.expected.file + ')' }));
    var d = r.divergence;
    if (d) t.appendChild(el('div', { cls: 'divergence', id: 'divergence' }, [el('strong', { text: 'First divergence: step ' + d.step + ' (' + d.kind + ')' }),
      el('div', { cls: 'mono', text: d.call }), el('div', { text: 'Why: ' + d.detail }), el('div', {}, ['Broken: '].concat((d.violated || []).map(function (c) { return el('span', {}, [clauseLink(c), ' ']); })))]));
    var tb = el('table', { cls: 'trace' }, [el('tr', {}, [['#', 'n'], ['call', 'call'], ['allowed outcomes', 'allowed'], ['observed', 'observed'], ['matched', 'matched'], ['gaps', 'gaps']]
      .map(function (x) { return el('th', { cls: x[1], text: x[0] }); }))]);
    r.steps.forEach(function (s) {
      var div = d && d.step === s.step;
      tb.appendChild(el('tr', { cls: 'step' + (div ? ' diverged' : '') }, [el('td', { text: String(s.step) }), breakable('td', { cls: 'mono call' }, s.call),
        breakable('td', { cls: 'mono allowed' }, s.allowed.join('\n')), breakable('td', { cls: 'mono observed' }, s.observed), el('td', { text: String(s.matched) }),
        el('td', { text: s.gaps.join('\n') })]));
    });
    t.appendChild(el('h3', { text: 'Checked trace (' + r.steps.length + ' steps)' }));
    t.appendChild(r.steps.length ? tb : el('p', { cls: 'empty', text: 'No step was checked.' }));
    if (r.gaps.length) {
      t.appendChild(el('h3', { text: 'Open spots the run went through' }));
      t.appendChild(el('ul', {}, r.gaps.map(function (g) { return el('li', {}, ['step ' + g.step + ': ' + g.gap + ' '].concat(g.clauses.map(clauseLink))); })));
    }
    var seen = [];
    (d ? d.violated || [] : []).concat(r.clauses).forEach(function (c) { if (seen.indexOf(c) < 0) seen.push(c); });
    if (seen.length) t.appendChild(el('h3', { text: 'Clauses' }));
    seen.forEach(function (c) { t.appendChild(clauseBlock(c)); });
    if (!stay) $('panel').scrollTop = t.offsetTop - 8;
  }

  $('panel-close').addEventListener('click', closePanel);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && !$('panel').hidden) closePanel(); });
  header(); filters(); render();
})();
`;
