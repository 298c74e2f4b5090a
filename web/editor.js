// The editor page: forms from the congress file's JSON Schema (json-editor), every change
// checked by /api/validate, the record kept in localStorage, the vote count with its live
// tally, previews, the pack and the spreadsheet import. All rules, wording and papers come
// from the service; this script only moves the record between the forms and the API.
'use strict';

const STORE = 'daihoi.congress';
// The record's parts, grouped the way a congress is prepared; what is left goes under "Khác".
const GROUPS = [
  ['Tổ chức, nhiệm kỳ', ['organisation', 'kind', 'ordinal', 'ordinal_style', 'term', 'rule_set', 'approval', 'bases', 'signer']],
  ['Phiên họp, địa điểm', ['venue', 'sessions']],
  ['Danh sách người', ['people']],
  ['Khách mời', ['guests', 'invitations']],
  ['Triệu tập', ['convened', 'summons']],
  ['Bầu cử', ['elections']],
  ['Nhân sự', ['personnel', 'candidates']],
  ['Diễn biến đại hội', ['proceedings']],
  ['Đánh số văn bản', ['numbering']],
];

const $ = (id) => document.getElementById(id);

JSONEditor.defaults.languages.vi = {
  button_collapse: 'Thu gọn', button_expand: 'Mở ra', button_add_row_title: 'Thêm {{0}}',
  button_move_down_title: 'Chuyển xuống', button_move_up_title: 'Chuyển lên',
  button_delete_row_title: 'Xoá {{0}}', button_delete_row_title_short: 'Xoá',
  button_delete_last_title: 'Xoá {{0}} cuối', button_delete_all_title: 'Xoá hết',
  button_copy_row_title: 'Chép {{0}}', button_copy_row_title_short: 'Chép',
  button_object_properties: 'Các mục', button_properties: 'Các mục',
  button_edit_json: 'Sửa JSON', button_save: 'Lưu', button_cancel: 'Huỷ', button_add: 'Thêm',
  button_delete_node_warning: 'Xoá mục này?', button_delete_all: 'Tất cả', button_delete_last: '{{0}} cuối',
  button_copy: 'Chép', button_upload: 'Tải lên',
};
JSONEditor.defaults.language = 'vi';
let schema = null;
let record = null;
let problems = [];
let editors = {}; // group index → JSONEditor
let group = 0;
let timer = null;
let generation = 0;

function say(text) { $('status').textContent = text; }

// The service's messages are English (the command line's); the ones a clerk meets while
// typing — an empty field, a number or a date in the wrong form, a field missing or unknown —
// are said here in Vietnamese. The rest are shown as the service words them.
const WORDS = [
  [/^must not be empty$/, () => 'không được để trống'],
  [/^missing field `([^`]+)`$/, (m) => `thiếu mục “${m[1]}”`],
  [/^unknown field `([^`]+)`, expected (.*?)(?:; did you mean `([^`]+)`\?)?$/, (m) => m[3] ? `mục “${m[1]}” không có trong hồ sơ — có phải “${m[3]}”?` : `mục “${m[1]}” không có trong hồ sơ`],
  [/^expected a date as YYYY-MM-DD, found "(.*)"$/, (m) => m[1] ? `ngày “${m[1]}” không đúng: cần ngày có thật, dạng năm-tháng-ngày (ví dụ 2025-03-19)` : 'chưa có ngày'],
  [/^invalid (?:type|value): (.*), expected a whole number, 0 or more$/, (m) => `cần một số nguyên từ 0 trở lên; ${what(m[1])}`],
  [/^invalid (?:type|value): (.*), expected a whole number$/, (m) => `cần một số nguyên; ${what(m[1])}`],
  [/^invalid (?:type|value): (.*), expected a number$/, (m) => `cần một số; ${what(m[1])}`],
  [/^invalid type: (.*), expected a string$/, (m) => `cần chữ; ${what(m[1])}`],
  [/^invalid type: (.*), expected a group of fields \(\{ … \}\)$/, (m) => `cần một nhóm mục { … }; ${what(m[1])}`],
  [/^invalid type: (.*), expected a list \(\[ … \]\)$/, (m) => `cần một danh sách [ … ]; ${what(m[1])}`],
  [/is out of range in "([^"]*)"/, (m) => `ngày “${m[1]}” không có thật`],
  [/^expected a time as HH:MM, found "(.*)"$/, (m) => `giờ “${m[1]}” không đúng: cần dạng giờ:phút, ví dụ 07:30`],
  [/^at least one session is needed$/, () => 'cần ít nhất một phiên họp'],
  [/^the vote-counting committee has no members$/, () => 'Ban kiểm phiếu chưa có ai'],
  [/^an election needs the counts of at least one round$/, () => 'cuộc bầu cử cần số liệu của ít nhất một lần bầu'],
  [/^no person `([^`]+)` in `people`$/, (m) => `không có người “@${m[1]}” trong “Danh sách người”`],
  [/^a chi ủy has at most (\d+) members .*; seats is (\d+), (\d+) too many$/, (m) => `chi uỷ có tối đa ${m[1]} người (Quy định 29-QĐ/TW); đang là ${m[2]}, thừa ${m[3]}`],
  [/^unknown variant `([^`]*)`, expected .*$/, (m) => `“${m[1]}” không có trong danh sách được chọn`],
  // The counts of a round, as the vote-count screen shows them beside each box.
  [/^votes for (.+) \((\d+)\) must not exceed valid ballots \((\d+)\); (\d+) too many$/, (m) => `số phiếu của ${m[1]} (${m[2]}) không được quá số phiếu hợp lệ (${m[3]}); thừa ${m[4]}`],
  [/^issued ballots \((\d+)\) must not exceed those present \((\d+)\); (\d+) too many$/, (m) => `số phiếu phát ra (${m[1]}) không được quá số có mặt (${m[2]}); thừa ${m[3]}`],
  [/^returned ballots \((\d+)\) must not exceed issued \((\d+)\); (\d+) too many$/, (m) => `số phiếu thu vào (${m[1]}) không được quá số phát ra (${m[2]}); thừa ${m[3]}`],
  [/^returned ballots \((\d+)\) must equal valid \((\d+)\) \+ invalid \((\d+)\) = (\d+); .*$/, (m) => `số phiếu thu vào (${m[1]}) phải bằng phiếu hợp lệ (${m[2]}) cộng phiếu không hợp lệ (${m[3]}) = ${m[4]}`],
  [/^total votes \((\d+)\) must not exceed valid ballots \((\d+)\) × seats \((\d+)\) = (\d+); (\d+) too many$/, (m) => `tổng số phiếu bầu (${m[1]}) không được quá số phiếu hợp lệ (${m[2]}) × số cần bầu (${m[3]}) = ${m[4]}; thừa ${m[5]}`],
  [/^present \((\d+)\) must not exceed convened \((\d+)\); (\d+) too many$/, (m) => `số có mặt (${m[1]}) không được quá số triệu tập (${m[2]}); thừa ${m[3]}`],
];
// serde's "string \"hai\"", "integer `-5`", "null" as the box holds it.
function what(serde) {
  const m = /^(string|integer|floating point) [`"](.*)[`"]$/.exec(serde);
  if (m && m[1] === 'string' && !m[2]) return 'ô đang để trống';
  if (m) return m[1] === 'string' ? `đang là chữ “${m[2]}”` : `đang là ${m[2]}`;
  if (serde === 'null') return 'ô đang để trống';
  return 'đang là ' + ({ map: 'một nhóm mục', sequence: 'một danh sách', boolean: 'có/không' }[serde] || serde);
}
function vietnamese(message) {
  for (const [re, words] of WORDS) { const m = re.exec(message); if (m) return words(m); }
  return message;
}
function text() { return JSON.stringify(record, null, 2) + '\n'; }
function post(path, body) { return fetch(path, { method: 'POST', body }); }
async function errorOf(r) {
  try { const b = await r.json(); return b.error || r.statusText; } catch (_) { return r.statusText; }
}

// ---- the record ----------------------------------------------------------------------------

function setRecord(value, message) {
  record = value;
  Object.keys(editors).forEach((i) => dropEditor(i));
  buildNav();
  showGroup(0);
  changed(true);
  say(message);
}

// `now` (a form's value) with its fields in the order `old` (the record) has them: a form
// lists them in the schema's order, the file keeps its own.
function keepOrder(old, now) {
  if (Array.isArray(now)) return now.map((v, k) => keepOrder(Array.isArray(old) ? old[k] : undefined, v));
  if (!now || typeof now !== 'object' || !old || typeof old !== 'object' || Array.isArray(old)) return now;
  const out = {};
  for (const k of Object.keys(old)) if (k in now) out[k] = keepOrder(old[k], now[k]);
  for (const k of Object.keys(now)) if (!(k in out)) out[k] = now[k];
  return out;
}

// `now` (a form's value) with the fields of `old` that the schema `s` does not know put back:
// a form shows only what the schema has, and a field the file misspelt ("nam" for "name")
// would go without a word. Kept, the service goes on naming it in "Cần sửa".
function keepUnknown(old, now, s) {
  const r = resolve(s);
  if (Array.isArray(old) && Array.isArray(now)) return now.map((v, k) => keepUnknown(old[k], v, r.items || {}));
  if (!isRecord(old) || !isRecord(now)) return now;
  const props = r.properties || {};
  const open = r.additionalProperties && typeof r.additionalProperties === 'object';
  for (const k of Object.keys(old)) {
    if (k in now) now[k] = keepUnknown(old[k], now[k], props[k] || (open ? r.additionalProperties : {}));
    else if (!(k in props) && !open && r.properties) now[k] = old[k];
  }
  return now;
}

// What the form of group i holds, into the record.
function takeForm(i) {
  const ed = editors[i];
  if (!ed || !ed.ready_for_daihoi) return;
  const v = ed.getValue();
  for (const p of groups()[i][1]) {
    if (p in v) record[p] = keepOrder(record[p], keepUnknown(record[p], v[p], schema.properties[p] || {}));
    else delete record[p];
  }
}

// A record opened from a file or kept in the browser: a congress file is one JSON object.
function isRecord(value) { return !!value && typeof value === 'object' && !Array.isArray(value); }

// Replacing the record being prepared loses it: ask first.
function mayReplace() {
  return !record || window.confirm('Mở hồ sơ khác thay cho hồ sơ đang soạn? Hồ sơ đang soạn sẽ mất — muốn giữ thì bấm “Huỷ” rồi “Lưu tệp” trước.');
}

function changed(now) {
  localStorage.setItem(STORE, text());
  clearTimeout(timer);
  timer = setTimeout(refresh, now ? 0 : 400);
}

async function refresh() {
  const mine = ++generation;
  await validate();
  if (mine !== generation) return;
  if (!$('screen-count').hidden) { fillCount(false); tally(); }
  if (!$('screen-preview').hidden) { await listPapers(); preview(); }
}

async function validate() {
  const r = await post('api/validate', text());
  let list = [];
  if (r.status === 422) list = (await r.json()).problems || [];
  else if (!r.ok) list = [{ path: '', message: await errorOf(r) }];
  problems = list;
  showProblems();
}

// ---- the forms -------------------------------------------------------------------------------

function groups() {
  const named = new Set(GROUPS.flatMap((g) => g[1]));
  const rest = Object.keys(schema.properties).filter((p) => !named.has(p) && p !== '$schema');
  return rest.length ? GROUPS.concat([['Khác', rest]]) : GROUPS;
}

function groupOf(prop) { return groups().findIndex((g) => g[1].includes(prop)); }

function buildNav() {
  const nav = $('sections');
  nav.textContent = '';
  groups().forEach(([title], i) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = title;
    b.id = 'section-' + i;
    b.addEventListener('click', () => showGroup(i));
    nav.appendChild(b);
  });
}

// The schema as json-editor shows it best: a choice among constants is a select with the
// Vietnamese titles; "X or null" is X (an optional field is left out, not null).
function simplify(s) {
  if (Array.isArray(s)) return s.map(simplify);
  if (!s || typeof s !== 'object') return s;
  const out = {};
  for (const [k, v] of Object.entries(s)) out[k] = k === 'properties' || k === '$defs'
    ? Object.fromEntries(Object.entries(v).map(([n, d]) => [n, simplify(d)])) : simplify(v);
  const alt = out.oneOf || out.anyOf;
  if (alt && alt.length && alt.every((a) => 'const' in a)) {
    delete out.oneOf; delete out.anyOf;
    out.type = 'string';
    out.enum = alt.map((a) => a.const);
    out.options = Object.assign({}, out.options, { enum_titles: alt.map((a) => a.title || String(a.const)) });
  } else if (alt && alt.some((a) => 'const' in a)) {
    // Some choices are names, one carries fields (an office, or delegates with the superior
    // congress): a list of the names, and the others as their own choices.
    const names = alt.filter((a) => 'const' in a);
    delete out.oneOf; delete out.anyOf;
    out.oneOf = [{
      title: names.slice(0, 3).map((a) => a.title || String(a.const)).join(', ') + ' …',
      type: 'string', enum: names.map((a) => a.const),
      options: { enum_titles: names.map((a) => a.title || String(a.const)) },
    }].concat(alt.filter((a) => !('const' in a) && a.type !== 'null'));
  } else if (alt && alt.some((a) => a.type === 'null')) {
    const rest = alt.filter((a) => a.type !== 'null');
    delete out.oneOf; delete out.anyOf;
    if (rest.length === 1) Object.assign(out, rest[0], { title: out.title || rest[0].title, description: out.description || rest[0].description });
    else out.anyOf = rest;
  }
  // Yes/no as a tick box, not a list of "true" and "false".
  if (out.type === 'boolean') out.format = 'checkbox';
  // A row of a plain list ("Nơi nhận", "Ghi chú") is a "dòng", not json-editor's "item".
  if (out.type === 'array' && out.items && !out.items.$ref && !out.items.title) out.items = Object.assign({}, out.items, { title: 'dòng' });
  if (Array.isArray(out.type) && out.type.includes('null')) {
    const t = out.type.filter((x) => x !== 'null');
    out.type = t.length === 1 ? t[0] : t;
  }
  return out;
}

// Fields in the order the record writes them (the schema lists them alphabetically): the
// first object met for each type gives the order of its fields.
function orderLike(s, value, defs, seen) {
  if (!s || value === null || typeof value !== 'object') return;
  if (s.$ref) {
    const name = s.$ref.split('/').pop();
    if (seen.has(name)) return;
    seen.add(name);
    orderLike(defs[name], value, defs, seen);
    return;
  }
  for (const alt of s.anyOf || s.oneOf || []) orderLike(alt, value, defs, seen);
  if (Array.isArray(value)) { if (s.items) value.forEach((v) => orderLike(s.items, v, defs, seen)); return; }
  if (!s.properties) return;
  Object.keys(value).forEach((k, i) => {
    const p = s.properties[k];
    if (!p) return;
    if (p.propertyOrder === undefined) p.propertyOrder = i + 1;
    orderLike(p, value[k], defs, seen);
  });
}

// A schema for one group: the group's properties of the record, with the shared $defs, and
// the people's keys offered wherever a name may be "@key".
function groupSchema(props) {
  const s = simplify(schema);
  const keys = Object.keys(record.people || {}).map((k) => '@' + k);
  if (keys.length && s.$defs.PersonRef) s.$defs.PersonRef.enum = keys;
  // "Danh sách người" is a table of people by key ("@lan"): a key may be added.
  if (s.properties.people) s.properties.people.options = Object.assign({}, s.properties.people.options, { disable_properties: false });
  const title = groups()[groupOf(props[0])][0];
  props.forEach((p, i) => { if (s.properties[p]) s.properties[p].propertyOrder = i + 1; });
  orderLike({ properties: s.properties }, record, s.$defs, new Set());
  return {
    $defs: s.$defs, type: 'object', title, options: { disable_collapse: true, compact: true },
    properties: Object.fromEntries(props.filter((p) => s.properties[p]).map((p) => [p, s.properties[p]])),
    required: (s.required || []).filter((p) => props.includes(p)),
    additionalProperties: false,
  };
}

function showGroup(i) {
  group = i;
  document.querySelectorAll('#sections button').forEach((b, k) => b.setAttribute('aria-current', k === i ? 'true' : 'false'));
  const host = $('form');
  host.querySelectorAll('.group').forEach((g) => { g.hidden = true; });
  if (!editors[i]) {
    const div = document.createElement('div');
    div.className = 'group';
    host.appendChild(div);
    const props = groups()[i][1];
    const start = Object.fromEntries(props.filter((p) => p in record).map((p) => [p, record[p]]));
    const ed = new JSONEditor(div, {
      schema: groupSchema(props), startval: start, theme: 'html', iconlib: null,
      disable_edit_json: true, disable_properties: true, show_opt_in: true,
      show_errors: 'never', prompt_before_delete: false, disable_array_delete_all_rows: true,
      disable_array_delete_last_row: true, array_controls_top: false,
    });
    ed.daihoiHost = div;
    ed.on('ready', () => {
      ed.ready_for_daihoi = true;
      showFieldProblems(i);
      ed.on('change', () => { takeForm(i); changed(false); });
    });
    // json-editor labels the box that opts in an optional field with its raw id
    // ("root[organisation][superior_committee]-opt-in"): a screen reader says the field's name.
    nameOptIns(div);
    new MutationObserver(() => nameOptIns(div)).observe(div, { childList: true, subtree: true });
    // The form takes a field when it is left; a pause in typing is enough here, so that a
    // reload or a closed tab loses nothing typed.
    let typing = null;
    div.addEventListener('input', (e) => {
      clearTimeout(typing);
      typing = setTimeout(() => e.target.dispatchEvent(new Event('change', { bubbles: true })), 400);
    });
    editors[i] = ed;
  }
  editors[i].daihoiHost.hidden = false;
}

function nameOptIns(div) {
  // A date box holds a year of four figures: Chrome's picker takes "22025" otherwise.
  div.querySelectorAll('input[type=date]:not([max])').forEach((i) => { i.min = '1930-01-01'; i.max = '2999-12-31'; });
  // An optional field is filled only once its box is ticked: say so beside the box.
  div.querySelectorAll('input.json-editor-opt-in').forEach((box) => {
    box.title = 'Đánh dấu để điền mục này';
    if (!box.parentElement.querySelector('.opt-hint')) {
      const hint = document.createElement('span');
      hint.className = 'opt-hint';
      hint.setAttribute('aria-hidden', 'true');
      hint.textContent = 'đánh dấu để điền';
      box.parentElement.appendChild(hint);
    }
  });
  div.querySelectorAll('label').forEach((l) => {
    const m = /^root((?:\[[^\]]*\])+)-opt-in$/.exec(l.textContent);
    if (!m) return;
    const path = m[1].replace(/\[([^\]]*)\]/g, (_, k) => (/^\d+$/.test(k) ? `[${k}]` : `.${k}`)).replace(/^\./, '');
    l.textContent = `Điền mục “${label(path).split(' › ').pop()}”`;
  });
}

// The form of group i is made again from the record the next time it is shown (after the
// vote count changed what it holds).
function dropEditor(i) {
  if (!editors[i]) return;
  editors[i].destroy();
  editors[i].daihoiHost.remove();
  delete editors[i];
}

// "elections[0].rounds[1].ballots.valid" → ["elections", "0", "rounds", "1", "ballots", "valid"]
function steps(path) { return path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean); }

function showFieldProblems(i) {
  const ed = editors[i];
  if (!ed || !ed.ready_for_daihoi) return;
  const mine = problems.filter((p) => groupOf(steps(p.path)[0]) === i)
    .map((p) => ({ path: ['root'].concat(steps(p.path)).join('.'), property: 'daihoi', message: vietnamese(p.message) }));
  ed.root.showValidationErrors(mine);
}

// The Vietnamese title of each step of a path, from the schema.
function label(path) {
  const out = [];
  let s = { properties: schema.properties };
  let at = record;
  for (const step of steps(path)) {
    s = resolve(s);
    at = at && typeof at === 'object' ? at[step] : undefined;
    // A person in a list is called by name ("Nguyễn Thị Thu Hà"), not by place ("thứ 3").
    const who = at && typeof at === 'object' && at.name ? fullName(at.name) : '';
    if (/^\d+$/.test(step)) { out.push(who || 'thứ ' + (Number(step) + 1)); s = s.items || {}; continue; }
    const next = (s.properties && s.properties[step]) || (s.additionalProperties && typeof s.additionalProperties === 'object' ? s.additionalProperties : null);
    if (!next) { out.push(step); s = {}; continue; }
    const r = resolve(next);
    out.push(next.title || r.title || step);
    s = next;
  }
  return out.join(' › ') || 'Hồ sơ';
}

function resolve(s) {
  let cur = s || {};
  for (let n = 0; n < 8; n++) {
    if (cur.$ref) { cur = schema.$defs[cur.$ref.split('/').pop()] || {}; continue; }
    const alt = cur.anyOf || cur.oneOf;
    if (alt && !alt.every((a) => 'const' in a)) { cur = alt.find((a) => a.$ref || a.properties || a.items) || alt[0]; continue; }
    break;
  }
  return cur;
}

function showProblems() {
  const list = $('problems');
  list.textContent = '';
  $('problems-count').textContent = problems.length
    ? problems.length + ' chỗ cần sửa' : 'Hồ sơ hợp lệ: không có lỗi.';
  for (const p of problems) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'problem';
    b.innerHTML = '<strong></strong><span></span>';
    b.firstChild.textContent = label(p.path);
    b.lastChild.textContent = vietnamese(p.message);
    b.addEventListener('click', () => focusProblem(p.path));
    li.appendChild(b);
    list.appendChild(li);
  }
  for (const i of Object.keys(editors)) showFieldProblems(Number(i));
  showCountProblems();
}

function focusProblem(path) {
  const top = steps(path)[0];
  if (top === 'elections' && !$('screen-count').hidden) {
    const el = document.querySelector(`#count-form [data-path="${path}"]`);
    if (el) { el.focus(); return; }
  }
  showTab('record');
  const i = groupOf(top);
  if (i < 0) return;
  showGroup(i);
  const ed = editors[i];
  const go = () => {
    const parts = ['root'].concat(steps(path));
    while (parts.length > 1) {
      const sub = ed.getEditor(parts.join('.'));
      if (sub && sub.container) {
        sub.container.scrollIntoView({ block: 'center' });
        const input = sub.container.querySelector('input, select, textarea');
        if (input) input.focus();
        return;
      }
      parts.pop();
    }
  };
  if (ed.ready_for_daihoi) go(); else ed.on('ready', go);
}

// ---- the vote count --------------------------------------------------------------------------

function enumTitle(def, value) {
  const d = schema.$defs[def];
  const hit = d && (d.oneOf || []).find((o) => o.const === value);
  return hit ? hit.title : String(value);
}

function fullName(name) {
  if (typeof name === 'string' && name.startsWith('@')) name = (record.people || {})[name.slice(1)] || { ten: name };
  return [name.ho, name.dem, name.ten].filter(Boolean).join(' ');
}

function fillCount(rebuild) {
  const es = record.elections || [];
  const sel = $('count-election');
  const keep = sel.value;
  if (rebuild || sel.options.length !== es.length) {
    sel.textContent = '';
    es.forEach((e, i) => sel.add(new Option(`${i + 1}. ${enumTitle('Office', typeof e.office === 'string' ? e.office : Object.keys(e.office)[0])} (${e.seats} người)`, i)));
    if (keep && keep < es.length) sel.value = keep;
  }
  const e = es[sel.value];
  const rs = $('count-round');
  if (!e) { rs.textContent = ''; $('count-form').textContent = 'Hồ sơ chưa có cuộc bầu cử nào (phần “Bầu cử”).'; return; }
  if (rebuild || rs.options.length !== e.rounds.length) {
    const k = rs.value;
    rs.textContent = '';
    e.rounds.forEach((_, j) => rs.add(new Option('Lần ' + (j + 1), j)));
    if (k && k < e.rounds.length) rs.value = k;
  }
  if (rebuild) buildCountForm();
}

function countInput(form, labelText, path, value) {
  const id = 'count-' + path.replace(/[^\w]/g, '-');
  const row = document.createElement('div');
  row.className = 'field';
  row.innerHTML = `<label for="${id}"></label><input id="${id}" type="number" min="0" inputmode="numeric"><span class="error" role="alert"></span>`;
  row.querySelector('label').textContent = labelText;
  const input = row.querySelector('input');
  input.value = value;
  input.dataset.path = path;
  input.addEventListener('input', () => {
    // A cleared box is left empty in the record, and flagged: never counted as 0.
    const n = input.value === '' ? null : Number(input.value);
    setAt(path, Number.isFinite(n) ? n : null);
    dropEditor(groupOf('elections'));
    changed(false);
  });
  form.appendChild(row);
}

function setAt(path, value) {
  const s = steps(path);
  let at = record;
  for (const k of s.slice(0, -1)) at = at[k];
  at[s[s.length - 1]] = value;
}

function buildCountForm() {
  const i = Number($('count-election').value);
  const j = Number($('count-round').value);
  const r = record.elections[i].rounds[j];
  const base = `elections[${i}].rounds[${j}]`;
  const form = $('count-form');
  form.textContent = '';
  const h = document.createElement('h2');
  h.textContent = 'Số phiếu';
  form.appendChild(h);
  countInput(form, 'Có mặt khi bầu', `${base}.present`, r.present);
  countInput(form, 'Phiếu phát ra', `${base}.ballots.issued`, r.ballots.issued);
  countInput(form, 'Phiếu thu vào', `${base}.ballots.returned`, r.ballots.returned);
  countInput(form, 'Phiếu hợp lệ', `${base}.ballots.valid`, r.ballots.valid);
  (r.ballots.invalid || []).forEach((inv, k) => countInput(form, 'Phiếu không hợp lệ' + (inv.reason ? ` (${inv.reason})` : ''), `${base}.ballots.invalid[${k}].count`, inv.count));
  const h2 = document.createElement('h2');
  h2.textContent = 'Số phiếu bầu cho từng người';
  form.appendChild(h2);
  const listError = document.createElement('p');
  listError.className = 'error';
  listError.setAttribute('role', 'alert');
  listError.dataset.problemsFor = `${base}.candidates`;
  form.appendChild(listError);
  r.candidates.forEach((c, k) => countInput(form, fullName(c.name), `${base}.candidates[${k}].votes`, c.votes));
  showCountProblems();
  tally();
}

function showCountProblems() {
  document.querySelectorAll('#count-form [data-problems-for]').forEach((el) => {
    el.textContent = problems.filter((p) => p.path === el.dataset.problemsFor).map((p) => vietnamese(p.message)).join('; ');
  });
  document.querySelectorAll('#count-form .field').forEach((row) => {
    const path = row.querySelector('input').dataset.path;
    const mine = problems.filter((p) => p.path === path).map((p) => vietnamese(p.message));
    row.querySelector('.error').textContent = mine.join('; ');
    row.querySelector('input').setAttribute('aria-invalid', mine.length ? 'true' : 'false');
  });
}

async function tally() {
  const i = $('count-election').value;
  const j = $('count-round').value;
  const out = $('tally');
  if (i === '' || j === '') { out.textContent = ''; return; }
  const r = await post(`api/tally?election=${i}&round=${j}`, text());
  if (!r.ok) {
    const b = await r.json().catch(() => ({}));
    out.innerHTML = '<p class="bad"></p><ul></ul>';
    out.firstChild.textContent = 'Chưa tính được kết quả: số liệu chưa khớp.';
    for (const p of b.problems || [{ message: b.error || r.statusText }]) {
      const li = document.createElement('li');
      li.textContent = vietnamese(p.message);
      out.lastChild.appendChild(li);
    }
    return;
  }
  const t = await r.json();
  const rows = t.outcomes.map((o) => `<tr class="${o.status}"><td></td><td class="n">${o.votes}</td><td class="n">${o.percent}</td><td></td></tr>`).join('');
  out.innerHTML = `<p>Cần trên một nửa của ${t.denominator}: ít nhất <strong>${t.votes_needed}</strong> phiếu. Bầu ${t.seats} người; trúng cử ${t.elected.length}.</p>
    <table><thead><tr><th>Họ và tên</th><th>Số phiếu</th><th>Tỷ lệ</th><th>Kết quả</th></tr></thead><tbody>${rows}</tbody></table><p class="next"></p>`;
  out.querySelectorAll('tbody tr').forEach((tr, k) => {
    tr.cells[0].textContent = t.outcomes[k].full_name;
    tr.cells[3].textContent = t.outcomes[k].label;
  });
  const next = [];
  if (t.tie) next.push(`Bằng phiếu: bầu lại ${t.tie.seats_left} người trong số ${t.tie.candidates.length} người bằng phiếu.`);
  if (t.further_round_seats) next.push(`Còn thiếu ${t.further_round_seats} người: bầu tiếp lần sau.`);
  (t.warnings || []).forEach((w) => next.push(w.message));
  out.querySelector('.next').textContent = next.join(' ');
}

// ---- previews, the pack ----------------------------------------------------------------------

async function showPdf(frame, query, kind) {
  const r = await post(`api/render/${kind}?format=pdf${query ? '&' + query : ''}`, text());
  if (!r.ok) { say('Không xem được văn bản: ' + await errorOf(r)); return false; }
  const url = URL.createObjectURL(await r.blob());
  const old = frame.dataset.url;
  frame.dataset.url = url;
  frame.src = url;
  if (old) setTimeout(() => URL.revokeObjectURL(old), 5000);
  return true;
}

let papers = [];
async function listPapers() {
  const r = await post('api/papers', text());
  if (!r.ok) {
    // No paper can be listed while the record has a problem: say so where the paper would be.
    papers = [];
    $('preview-kind').textContent = '';
    $('preview-which').textContent = '';
    const frame = $('preview-frame');
    delete frame.dataset.url;
    frame.srcdoc = '<p style="font:15px sans-serif;padding:12px">Chưa xem được văn bản: hồ sơ còn chỗ cần sửa — bấm vào từng mục trong phần “Cần sửa” để sửa, rồi mở lại màn hình này.</p>';
    return;
  }
  $('preview-frame').removeAttribute('srcdoc');
  papers = await r.json();
  const kindSel = $('preview-kind');
  const keep = kindSel.value;
  const kinds = [...new Map(papers.map((p) => [p.kind, p.kind_title])).entries()];
  kindSel.textContent = '';
  kinds.forEach(([k, t]) => kindSel.add(new Option(t, k)));
  if (kinds.some(([k]) => k === keep)) kindSel.value = keep;
  fillWhich();
}

function fillWhich() {
  const sel = $('preview-which');
  const keep = sel.value;
  const mine = papers.filter((p) => p.kind === $('preview-kind').value);
  sel.textContent = '';
  mine.forEach((p) => sel.add(new Option(p.title, p.query)));
  if (mine.some((p) => p.query === keep)) sel.value = keep;
  sel.disabled = mine.length < 2;
}

function preview() {
  if (!$('preview-kind').value) return Promise.resolve(false);
  return showPdf($('preview-frame'), $('preview-which').value, $('preview-kind').value);
}

async function download(path, name) {
  const r = await post(path, text());
  if (r.status === 422) { say(`Chưa tải được: hồ sơ còn ${problems.length || 'vài'} chỗ cần sửa — xem mục “Cần sửa”.`); return; }
  if (!r.ok) { say('Chưa tải được: ' + vietnamese(await errorOf(r))); return; }
  // Without a name of the page's, the file is named as the service names it, after the
  // paper ("giay-moi-01-gm-cb-tran-quyet-thang.docx").
  const given = /filename="([^"]+)"/.exec(r.headers.get('Content-Disposition') || '');
  if (!name) name = given ? given[1] : 'van-ban';
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await r.blob());
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  say('Đã tải ' + name + '.');
}

// ---- the import ------------------------------------------------------------------------------

async function runImport() {
  const file = $('import-file').files[0];
  const out = $('import-result');
  if (!file) { out.textContent = 'Chọn tệp bảng tính trước.'; return; }
  const data = await new Promise((ok, fail) => {
    const reader = new FileReader();
    reader.onload = () => ok(String(reader.result).split(',')[1] || '');
    reader.onerror = fail;
    reader.readAsDataURL(file);
  });
  const r = await post('api/import', JSON.stringify({ as: $('import-as').value, file_name: file.name, sheet: data, congress: text() }));
  if (!r.ok) { out.textContent = 'Không nhập được: ' + await errorOf(r); return; }
  const b = await r.json();
  const list = $('import-as').selectedOptions[0].textContent;
  out.innerHTML = '<p class="added"></p><table><thead><tr><th>Dòng</th><th>Cột</th><th>Vấn đề</th></tr></thead><tbody></tbody></table>';
  out.firstChild.textContent = `Đã thêm ${b.added} dòng vào “${list}”; ${b.problems.length + b.skipped.length} dòng cần xem lại.`;
  for (const p of b.problems.concat(b.skipped)) {
    const tr = document.createElement('tr');
    [p.row, p.column || '', p.message].forEach((v) => { const td = document.createElement('td'); td.textContent = v; tr.appendChild(td); });
    out.querySelector('tbody').appendChild(tr);
  }
  if (!b.problems.length && !b.skipped.length) out.querySelector('table').hidden = true;
  if (b.added) setRecord(JSON.parse(b.congress), `Đã nhập ${b.added} dòng từ ${file.name}.`);
}

// ---- tabs, start-up --------------------------------------------------------------------------

function showTab(name) {
  for (const t of ['record', 'count', 'preview', 'import']) {
    $('screen-' + t).hidden = t !== name;
    $('tab-' + t).setAttribute('aria-selected', t === name ? 'true' : 'false');
  }
  if (!record) return;
  if (name === 'count') fillCount(true);
  if (name === 'preview') listPapers().then(preview);
}

async function start() {
  schema = await (await fetch('api/schema')).json();
  for (const t of ['record', 'count', 'preview', 'import']) $('tab-' + t).addEventListener('click', () => showTab(t));
  document.querySelector('nav[role=tablist]').addEventListener('keydown', (e) => {
    const tabs = [...document.querySelectorAll('[role=tab]')];
    const k = tabs.indexOf(document.activeElement);
    if (k < 0 || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
    const next = tabs[(k + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    next.focus();
    next.click();
  });
  $('start').addEventListener('click', async () => {
    if (!mayReplace()) return;
    const r = await fetch('api/start/' + $('start-from').value);
    setRecord(await r.json(), 'Đã mở: ' + $('start-from').selectedOptions[0].textContent + '.');
  });
  $('open-file').addEventListener('change', async () => {
    const f = $('open-file').files[0];
    $('open-file').value = '';
    if (!f) return;
    // A file that is no congress file is refused before anything is asked.
    let value;
    try { value = JSON.parse(await f.text()); } catch (e) { say(`Không mở được tệp ${f.name}: tệp không phải JSON (${e.message}). Hồ sơ đang soạn vẫn giữ nguyên.`); return; }
    if (!isRecord(value)) { say(`Không mở được tệp ${f.name}: đây không phải hồ sơ đại hội (cần một đối tượng JSON { … }). Hồ sơ đang soạn vẫn giữ nguyên.`); return; }
    if (!mayReplace()) return;
    setRecord(value, 'Đã mở tệp ' + f.name + '.');
  });
  // Leaving the page (a reload, a closed tab) keeps what is being typed in a field.
  window.addEventListener('pagehide', () => {
    const a = document.activeElement;
    if (!record || !a || !$('form').contains(a)) return;
    a.dispatchEvent(new Event('change', { bubbles: true }));
    takeForm(group);
    localStorage.setItem(STORE, text());
  });
  $('save-file').addEventListener('click', () => {
    if (!record) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text()], { type: 'application/json' }));
    a.download = 'congress.json';
    a.click();
    say('Đã lưu congress.json.');
  });
  $('pack').addEventListener('click', () => record && download('api/pack', 'ho-so-dai-hoi.zip'));
  $('count-election').addEventListener('change', () => { fillCount(true); });
  $('count-round').addEventListener('change', () => buildCountForm());
  $('minutes-preview').addEventListener('click', () => showPdf($('minutes-frame'), `election=${$('count-election').value}&round=${$('count-round').value}`, 'vote-count-minutes'));
  $('minutes-print').addEventListener('click', async () => {
    if (await showPdf($('minutes-frame'), `election=${$('count-election').value}&round=${$('count-round').value}`, 'vote-count-minutes')) {
      $('minutes-frame').onload = () => { try { $('minutes-frame').contentWindow.print(); } catch (_) { window.open($('minutes-frame').src); } };
    }
  });
  $('preview-kind').addEventListener('change', () => { fillWhich(); preview(); });
  $('preview-which').addEventListener('change', preview);
  $('preview-pdf').addEventListener('click', preview);
  for (const format of ['docx', 'pdf']) {
    $(format === 'docx' ? 'preview-docx' : 'preview-save-pdf').addEventListener('click', () => {
      if ($('preview-kind').value) download(`api/render/${$('preview-kind').value}?format=${format}&${$('preview-which').value}`, null);
      else say('Chưa tải được: hồ sơ còn chỗ cần sửa — xem mục “Cần sửa”.');
    });
  }
  $('import-run').addEventListener('click', runImport);
  const saved = localStorage.getItem(STORE);
  if (saved) {
    try {
      const value = JSON.parse(saved);
      if (isRecord(value)) { setRecord(value, 'Đã mở lại hồ sơ đang soạn (lưu trong trình duyệt).'); return; }
    } catch (_) { /* fall through */ }
  }
  say('Chọn một mẫu hoặc hồ sơ trống rồi bấm “Mở”, hoặc mở một tệp hồ sơ.');
}

start();
