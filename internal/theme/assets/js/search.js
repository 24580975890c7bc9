// Site search. Reads q, column, year and sort from the page's address,
// looks the query's terms up in the index the build wrote (its folder is
// the data-index attribute; the format is in gazette's docs/search.md),
// and lists the results. The text steps (normalise, split, stem) and the
// ranking are those of gazette's internal/search package, which the tests
// hold this script to, term for term and rank for rank.

// Chinese characters, kana and Hangul: split into one- and two-character
// terms. Everything else made of letters, digits and marks is a word.
const C = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}'
const W = `(?:(?![${C}])[\\p{L}\\p{N}\\p{M}])`
const RUN = new RegExp(`([${C}]+)|${W}+(?:'(?=(?![${C}])\\p{L})${W}+)*`, 'gu')
const HAN = /\p{sc=Han}/u
const CJK = new RegExp(`[${C}]`, 'u')
const enc = new TextEncoder()

// normalise folds text as the index did: NFKC, lower case, no
// diacritics, traditional Chinese to simplified (fold, once loaded).
function normalise(s, fold) {
  s = s.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '').normalize('NFC')
  return s.replace(/[^\0-\x7f]/gu, c => c == 'ς' ? 'σ' : c == '\u2019' ? "'" : fold?.get(c) || c)
}

// Snowball English (Porter2) stemmer, as github.com/kljensen/snowball
// has it, for words of a-z and apostrophes.
const SPECIAL = Object.fromEntries('skis ski skies sky dying die lying lie tying tie idly idl gently gentl ugly ugli early earli only onli singly singl sky sky news news howe howe atlas atlas cosmos cosmos bias bias andes andes inning inning innings inning outing outing outings outing canning canning cannings canning herring herring herrings herring earring earring earrings earring proceed proceed proceeds proceed proceeded proceed proceeding proceed exceed exceed exceeds exceed exceeded exceed exceeding exceed succeed succeed succeeds succeed succeeded succeed succeeding succeed'
  .split(' ').flatMap((w, i, a) => i % 2 ? [] : [[w, a[i + 1]]]))
const vowel = c => 'aeiouy'.includes(c)
const first = (s, list) => list.split(' ').find(x => s.endsWith(x)) || ''

function stem(w) {
  if (w.length < 3) return w
  if (SPECIAL[w]) return SPECIAL[w]
  let s = '', r1, r2
  for (const c of w) s += c == 'y' && (!s || vowel(s.at(-1))) ? 'Y' : c
  const vnv = from => {
    for (let j = from + 1; j < s.length; j++) if (vowel(s[j - 1]) && !vowel(s[j])) return j + 1
    return s.length
  }
  r1 = /^(gener|commun|arsen)/.test(s) ? s.match(/^(gener|commun|arsen)/)[0].length : vnv(0)
  r2 = vnv(r1)
  const set = t => { s = t; r1 = Math.min(r1, s.length); r2 = Math.min(r2, s.length) }
  const cut = (n, add = '') => set(s.slice(0, s.length - n) + add)
  const short = i => i == 2 ? vowel(s[0]) && !vowel(s[1])
    : i > 2 && !vowel(s[i - 1]) && !'wxY'.includes(s[i - 1]) && vowel(s[i - 2]) && !vowel(s[i - 3])
  let x = first(s, "'s' 's '")
  if (x) cut(x.length)
  x = first(s, 'sses ied ies us ss s')
  if (x == 'sses') cut(2)
  else if (x == 'ied' || x == 'ies') cut(3, s.length > 4 ? 'i' : 'ie')
  else if (x == 's' && /[aeiouy]/.test(s.slice(0, -2))) cut(1)
  x = first(s, 'eedly ingly edly ing eed ed')
  if (x == 'eed' || x == 'eedly') {
    if (x.length <= s.length - r1) cut(x.length, 'ee')
  } else if (x && /[aeiouy]/.test(s.slice(0, -x.length))) {
    const o1 = r1, o2 = r2
    cut(x.length)
    const y = first(s, 'at bl iz bb dd ff gg mm nn pp rr tt')
    if (!y) {
      if (r1 >= s.length && short(s.length)) { cut(0, 'e'); r1 = r2 = s.length; x = 0 }
    } else if (y.length == 2 && y[0] == y[1]) cut(1)
    else cut(0, 'e')
    if (x) { r1 = Math.min(o1, s.length); r2 = Math.min(o2, s.length) }
  }
  if (s.length > 2 && 'yY'.includes(s.at(-1)) && !vowel(s.at(-2))) set(s.slice(0, -1) + 'i')
  x = first(s, 'ational fulness iveness ization ousness biliti lessli tional alism aliti ation entli fulli iviti ousli anci abli alli ator enci izer bli ogi li')
  if (x && x.length <= s.length - r1) {
    if (x == 'li') { if ('cdeghkmnrt'.includes(s.at(-3))) cut(2) }
    else if (x == 'ogi') { if (s.at(-4) == 'l') cut(1) }
    else cut(x.length, {tional: 'tion', enci: 'ence', anci: 'ance', abli: 'able', entli: 'ent', izer: 'ize', ization: 'ize', ational: 'ate', ation: 'ate', ator: 'ate', alism: 'al', aliti: 'al', alli: 'al', fulness: 'ful', ousli: 'ous', ousness: 'ous', iveness: 'ive', iviti: 'ive', biliti: 'ble', bli: 'ble', fulli: 'ful', lessli: 'less'}[x])
  }
  x = first(s, 'ational tional alize icate ative iciti ical ful ness')
  if (x && x.length <= s.length - r1) {
    if (x != 'ative') cut(x.length, {ational: 'ate', tional: 'tion', alize: 'al', icate: 'ic', iciti: 'ic', ical: 'ic'}[x] || '')
    else if (s.length - r2 >= 5) cut(5)
  }
  x = first(s, 'ement ance ence able ible ment ent ant ism ate iti ous ive ize ion al er ic')
  if (x && x.length <= s.length - r2 && (x != 'ion' || 'st'.includes(s.at(-4) || '-'))) cut(x.length)
  const l = s.length - 1
  if (r1 <= l) {
    if (s[l] == 'e') { if (r2 <= l || !short(l)) cut(1) }
    else if (r2 <= l && s[l] == 'l' && s[l - 1] == 'l') cut(1)
  }
  return s.replaceAll('Y', 'y')
}

// Plurals the stemmer does not bring to their singular's stem, as
// plurals in the analyser: each is stemmed as its singular.
const PLURALS = Object.fromEntries('buses bus busses bus gases gas pluses plus aliases alias lenses lens canvases canvas irises iris crises crisis analyses analysis theses thesis diagnoses diagnosis hypotheses hypothesis emphases emphasis synopses synopsis oases oasis children child women woman men man feet foot teeth tooth mice mouse geese goose knives knife wives wife lives life halves half shelves shelf wolves wolf thieves thief indices index matrices matrix appendices appendix criteria criterion phenomena phenomenon'
  .split(' ').flatMap((w, i, a) => i % 2 ? [] : [[w, a[i + 1]]]))
// stemWord stems w if it is an English word, remembering stems: the
// excerpts of one page of results repeat their words.
const stems = new Map()
const stemWord = w => {
  if (!/^[a-z']{3,}$/.test(w)) return w
  let s = stems.get(w)
  if (s === undefined) stems.set(w, s = stem(PLURALS[w] || w))
  return s
}

// queryTerms groups a query's terms by run, as Analyzer.QueryTerms does.
function queryTerms(q, fold) {
  const groups = []
  for (const m of normalise(q, fold).matchAll(RUN)) {
    if (!m[1]) { groups.push([stemWord(m[0])]); continue }
    const r = [...m[1]], n = r.length, g = [], step = n > 4 ? 2 : 1
    if (n == 1) { groups.push(r); continue }
    for (let i = 0; i + 1 < n; i += step) g.push(r[i] + r[i + 1])
    if (step == 2 && n % 2) g.push(r[n - 2] + r[n - 1])
    groups.push(g)
  }
  return groups
}

// Reading the index.
const hex = b => Array.from(b, x => x.toString(16).padStart(2, '0')).join('')
function uv(b, p) {
  let v = 0, m = 1, c
  do { c = b[p.i++]; v += (c & 127) * m; m *= 128 } while (c > 127)
  return v
}
function fnv(s) {
  let h = 0x811c9dc5
  for (const b of enc.encode(s)) h = Math.imul(h ^ b, 0x1000193)
  return h >>> 0
}
const idf = (df, n) => {
  const q = Math.floor((n + 1) * 16 / df), bl = 32 - Math.clz32(q)
  return 4 * bl + (q >>> (bl - 3) & 3) - 16
}
const points = w => [0, 2, 3, 4][w & 3] + (w & 4 ? 6 : 0) + (w & 8 ? 4 : 0)

// postings decodes a term's postings: doc ids ascending, and weights.
function postings(b, p, df, n) {
  const ids = [], w = []
  if (b[p.i++] == 0) {
    for (let k = 0, id = -1; k < df; k++) ids.push(id += uv(b, p))
  } else {
    for (let j = 0; j < n + 7 >> 3; j++) for (let c = b[p.i + j]; c; c &= c - 1) ids.push(j * 8 + 31 - Math.clz32(c & -c))
    p.i += n + 7 >> 3
  }
  for (let k = 0; k < df; k++) w.push(b[p.i + (k >> 1)] >> (k & 1) * 4 & 15)
  p.i += df + 1 >> 1
  return {ids, w}
}

// index reads the index files under base; fresh asks the server again for
// files the browser has cached (meta.json and excerpts have fixed names).
function index(base, fresh) {
  const files = new Map()
  const get = (name, bin) => {
    if (!files.has(name)) {
      files.set(name, fetch(base + name, {cache: fresh ? 'no-cache' : 'default'}).then(r => {
        if (!r.ok) throw new Error(name + ': ' + r.status)
        return bin ? new Response(r.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer().then(a => new Uint8Array(a)) : r.json()
      }))
    }
    return files.get(name)
  }
  let meta
  const lookup = async t => {
    const sh = fnv(t) & meta.shards - 1, k = sh % meta.fanout
    const g = await get(meta.groups[Math.floor(sh / meta.fanout)], 1)
    const b = await get('s.' + hex(g.subarray(32 * k, 32 * k + 32)) + '.bin', 1), want = enc.encode(t).join()
    for (const p = {i: 0}; p.i < b.length;) {
      const l = uv(b, p), term = b.subarray(p.i, p.i += l).join(), v = uv(b, p), df = Math.floor(v / 2)
      const e = v & 1 ? {df, ext: hex(b.subarray(p.i, p.i += 32))} : {df, pl: postings(b, p, df, meta.docs)}
      if (term == want) return e
    }
  }
  return {
    get,
    // excerpt reads what result id shows, or throws when the file was
    // written by another build than meta.json: the id may then name
    // another announcement.
    async excerpt(id) {
      const d = await get('d/' + id + '.json')
      if (d.k != meta.excerptKeys[Math.floor(id / meta.excerptBlock)]) throw STALE
      return d
    },
    // search answers a query: the results, best first, as {id, s}.
    async search(q, fold, column, year, newest) {
      meta ??= await get('meta.json')
      const n = meta.docs
      const terms = [...new Set(queryTerms(q, fold).flat())]
      if (!terms.length) return []
      const all = await Promise.all(terms.map(lookup))
      if (all.includes(undefined)) return []
      let use = all.filter(e => 2 * e.df <= n)
      if (!use.length) use = all
      use.sort((a, b) => a.df - b.df)
      const lists = await Promise.all(use.map(async e => e.pl || get('p.' + e.ext + '.bin', 1).then(b => postings(b, {i: 0}, e.df, n))))
      let scores
      lists.forEach((pl, i) => {
        const f = idf(use[i].df, n), next = new Map()
        pl.ids.forEach((id, k) => { if (!i || scores.has(id)) next.set(id, (scores?.get(id) || 0) + f * points(pl.w[k])) })
        scores = next
      })
      let lo = 0, hi = n
      if (year) {
        const i = meta.years.findIndex(y => y[0] == year)
        lo = i < 0 ? n : meta.years[i][1]
        hi = i < 0 || i + 1 == meta.years.length ? n : meta.years[i + 1][1]
      }
      const col = column ? meta.columns.findIndex(c => c.key == column) : -1
      if (column && col < 0) return []
      const cols = col < 0 ? null : await get(meta.columnFile, 1)
      const hits = []
      for (const [id, s] of scores) if (id >= lo && id < hi && (!cols || cols[id] == col)) hits.push({id, s})
      return hits.sort((a, b) => (newest ? 0 : b.s - a.s) || b.id - a.id)
    },
    meta: () => meta,
  }
}

const STALE = new Error('index changed')

function foldTable(b) {
  const p = {i: 0}, n = uv(b, p), from = [], m = new Map()
  for (let k = 0, r = 0; k < n; k++) from.push(r += uv(b, p))
  for (const r of from) { const v = uv(b, p); m.set(String.fromCodePoint(r), String.fromCodePoint(r + (v & 1 ? -(v + 1) / 2 : v / 2))) }
  return m
}

// highlight returns text's stretches [start, end) that match the query.
// norms remembers each character's normal form under the fold table
// normsFold: Chinese excerpts repeat their characters.
let norms, normsFold

function highlight(text, groups, fold) {
  const cjk = groups.flat().filter(t => CJK.test(t)), words = new Set(groups.flat())
  // norm is text normalised piece by piece: a run of ASCII, which only
  // changes case, or one other character. segs maps it back to text:
  // [start in norm, start in text, end in text, whole] where whole says
  // every position of the piece stands for the whole character.
  const segs = []
  let norm = ''
  if (fold !== normsFold) normsFold = fold, norms = new Map()
  for (const m of text.matchAll(/[\0-\x7f]+|[^\0-\x7f]/gu)) {
    const c = m[0], whole = c.charCodeAt(0) > 0x7f
    segs.push([norm.length, m.index, m.index + c.length, whole])
    let n = whole ? norms.get(c) : c.toLowerCase()
    if (n === undefined) norms.set(c, n = normalise(c, fold))
    norm += n
  }
  // at is the offset in text where norm's position k starts, or ends.
  const at = (k, end) => {
    let lo = 0, hi = segs.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (segs[mid][0] <= k) lo = mid
      else hi = mid - 1
    }
    const [n, s, e, whole] = segs[lo]
    return whole ? (end ? e : s) : s + k - n + (end ? 1 : 0)
  }
  const marks = []
  const add = (a, b) => { if (b > a) marks.push([at(a), at(b - 1, 1)]) }
  for (const t of cjk) for (let i = norm.indexOf(t); i >= 0; i = norm.indexOf(t, i + 1)) add(i, i + t.length)
  // A word's stem starts with the word's first letter: only words that
  // start as a query term does need stemming.
  const firsts = new Set([...words].map(w => w[0]))
  for (const m of norm.matchAll(RUN)) if (!m[1] && firsts.has(m[0][0]) && words.has(stemWord(m[0]))) add(m.index, m.index + m[0].length)
  marks.sort((a, b) => a[0] - b[0])
  const out = []
  for (const m of marks) {
    if (out.length && m[0] <= out.at(-1)[1]) out.at(-1)[1] = Math.max(out.at(-1)[1], m[1])
    else out.push(m)
  }
  return out
}

// fill puts text into el, the stretches marked, cut to about max
// characters around the first mark.
function fill(el, text, marks, max) {
  let from = 0, to = text.length
  if (max && to > max) {
    from = Math.max(0, Math.min((marks[0]?.[0] ?? 0) - (max >> 2), to - max))
    to = from + max
    if (from) el.append('…')
  }
  let at = from
  for (const [a, b] of marks) {
    if (b <= from || a >= to) continue
    el.append(text.slice(at, Math.max(a, at)))
    const m = document.createElement('mark')
    m.textContent = text.slice(Math.max(a, at), Math.min(b, to))
    el.append(m)
    at = Math.min(b, to)
  }
  el.append(text.slice(at, to))
  if (to < text.length) el.append('…')
}

const page = document.querySelector('[data-search]')
if (page) {
  const form = page.querySelector('form'), status = page.querySelector('[data-search-status]')
  const list = page.querySelector('[data-search-results]'), more = page.querySelector('[data-search-more]')
  const msg = (key, vars = {}) => page.dataset[key].replace(/\{(\w+)\}/g, (_, k) => vars[k])
  const excerptChars = +page.dataset.excerpt || 160
  let ix = index(page.dataset.index), run = 0, hits = [], shown = 0, groups = [], fold = null
  // The fold tables made, by file name: made once, not for every query.
  const folds = new Map()
  const foldOf = name => {
    if (!folds.has(name)) folds.set(name, ix.get(name, 1).then(foldTable))
    return folds.get(name)
  }

  const show = async () => {
    const mine = run, batch = hits.slice(shown, shown + (+page.dataset.pageSize || 10))
    const docs = await Promise.all(batch.map(h => ix.excerpt(h.id)))
    if (mine != run) return
    let focus
    for (const d of docs) {
      const li = document.createElement('li'), h = document.createElement('h2'), a = document.createElement('a')
      const meta = document.createElement('p'), t = document.createElement('time'), ex = document.createElement('p')
      a.href = d.u
      fill(a, d.t, highlight(d.t, groups, fold))
      h.append(a)
      t.dateTime = t.textContent = d.d
      meta.className = 'search-meta'
      meta.append(ix.meta().columns[d.c]?.name || '', ' ', t)
      const body = [d.x, d.n, d.s, ...(d.a || [])].filter(Boolean).join(' ')
      ex.className = 'search-excerpt'
      fill(ex, body, highlight(body, groups, fold), excerptChars)
      li.append(h, meta, ex)
      list.append(li)
      focus ??= a
    }
    shown += batch.length
    more.hidden = shown >= hits.length
    return focus
  }

  // go searches for what the address asks. The site may have been rebuilt
  // since this page read the index: an excerpt from the new build then
  // searches again, once, with every file asked of the server anew.
  const go = async again => {
    const u = new URLSearchParams(location.search), q = (u.get('q') || '').trim()
    for (const el of form.elements) if (el.name) el.value = u.get(el.name) || ''
    const mine = ++run
    list.replaceChildren()
    more.hidden = true
    shown = 0
    if (!q) { status.textContent = u.has('q') ? msg('msgEmpty') : ''; return }
    if (!window.DecompressionStream) { status.textContent = msg('msgUnsupported'); return }
    status.textContent = msg('msgSearching')
    try {
      const name = HAN.test(q) && (await ix.get('meta.json')).fold
      fold = name ? await foldOf(name) : null
      const found = await ix.search(q, fold, u.get('column'), +u.get('year'), u.get('sort') == 'newest')
      if (mine != run) return
      hits = found
      groups = queryTerms(q, fold)
      await show()
      if (mine != run) return
      status.textContent = hits.length ? msg(hits.length == 1 ? 'msgOne' : 'msgCount', {n: hits.length}) : msg('msgNone', {q})
    } catch (e) {
      if (mine != run) return
      if (e == STALE && !again) {
        ix = index(page.dataset.index, true)
        return go(true)
      }
      status.textContent = msg('msgError')
      console.error(e)
    }
  }

  form.addEventListener('submit', e => {
    e.preventDefault()
    const u = new URLSearchParams()
    for (const el of form.elements) if (el.name && el.value) u.set(el.name, el.value)
    history.pushState(null, '', '?' + u)
    go()
  })
  more.addEventListener('click', async () => {
    try {
      const f = await show()
      status.textContent = msg('msgShown', {shown, n: hits.length})
      f?.focus()
    } catch (e) {
      // The ids of the results listed so far may be out of date too.
      if (e != STALE) throw e
      ix = index(page.dataset.index, true)
      go(true)
    }
  })
  addEventListener('popstate', () => go())
  go()
  // A reader on the search page without a query is about to type one:
  // read the index's first files meanwhile (the fold table on Chinese
  // pages), so the first search waits for fewer round trips.
  if (!new URLSearchParams(location.search).get('q')) {
    ix.get('meta.json').then(m => m.fold && /^zh/.test(document.documentElement.lang) && foldOf(m.fold)).catch(() => {})
  }
}
