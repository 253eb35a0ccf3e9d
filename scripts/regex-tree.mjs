// A small parser for the regular expressions of this code base (JavaScript syntax without
// the exotic parts), shared by the linear-time check (regex-safety.mjs) and the benchmark.

/** Parses a regex source into a small tree: alt, seq, group, char, assert, quant, backref. */
export function parseRegex(source) {
  let i = 0;
  const s = source;
  function alt() {
    const alts = [seq()];
    while (s[i] === '|') {
      i++;
      alts.push(seq());
    }
    return { type: 'alt', alts };
  }
  function seq() {
    const items = [];
    while (i < s.length && s[i] !== '|' && s[i] !== ')') {
      let atom = term();
      atom = quantified(atom);
      items.push(atom);
    }
    return { type: 'seq', items };
  }
  function quantified(atom) {
    const c = s[i];
    let min;
    let max;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(i, i + 24));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      i += m[0].length - 1;
    } else return atom;
    i++;
    let lazy = false;
    if (s[i] === '?') {
      lazy = true;
      i++;
    }
    return { type: 'quant', body: atom, min, max, lazy };
  }
  function term() {
    const c = s[i];
    if (c === '(') {
      i++;
      let kind = 'capture';
      if (s.startsWith('?:', i)) [kind, i] = ['group', i + 2];
      else if (s.startsWith('?=', i)) [kind, i] = ['lookahead', i + 2];
      else if (s.startsWith('?!', i)) [kind, i] = ['lookahead', i + 2];
      else if (s.startsWith('?<=', i)) [kind, i] = ['lookbehind', i + 3];
      else if (s.startsWith('?<!', i)) [kind, i] = ['lookbehind', i + 3];
      else if (s.startsWith('?<', i)) i = s.indexOf('>', i) + 1;
      const body = alt();
      if (s[i] !== ')') throw new Error(`unbalanced group in /${source}/`);
      i++;
      return { type: 'group', kind, body };
    }
    if (c === '^' || c === '$') {
      i++;
      return { type: 'assert', src: c };
    }
    if (c === '[') {
      const from = i;
      i++;
      if (s[i] === '^') i++;
      if (s[i] === ']') i++;
      while (i < s.length && s[i] !== ']') i += s[i] === '\\' ? 2 : 1;
      i++;
      return { type: 'char', src: s.slice(from, i) };
    }
    if (c === '\\') {
      const d = s[i + 1];
      if (d === 'b' || d === 'B') {
        i += 2;
        return { type: 'assert', src: `\\${d}` };
      }
      if (/[1-9]/.test(d) || d === 'k') {
        i += 2;
        return { type: 'backref' };
      }
      let len = 2;
      if (d === 'u' && s[i + 2] === '{') len = s.indexOf('}', i) - i + 1;
      else if (d === 'u') len = 6;
      else if (d === 'x') len = 4;
      else if (d === 'c') len = 3;
      else if (d === 'p' || d === 'P') len = s.indexOf('}', i) - i + 1;
      const src = s.slice(i, i + len);
      i += len;
      return { type: 'char', src };
    }
    // A surrogate pair is one character.
    const code = s.charCodeAt(i);
    const len = code >= 0xd800 && code < 0xdc00 ? 2 : 1;
    i += len;
    return { type: 'char', src: s.slice(i - len, i) };
  }
  const tree = alt();
  if (i !== s.length) throw new Error(`cannot parse /${source}/ at ${i}`);
  return tree;
}

/** The source text of a node, for messages. */
export function render(n) {
  switch (n.type) {
    case 'char':
      return n.src;
    case 'assert':
      return n.src;
    case 'backref':
      return '\\N';
    case 'alt':
      return n.alts.map(render).join('|');
    case 'seq':
      return n.items.map(render).join('');
    case 'group':
      return `(${{ capture: '', group: '?:', lookahead: '?=', lookbehind: '?<=' }[n.kind]}${render(n.body)})`;
    case 'quant': {
      const q =
        n.min === 0 && n.max === Infinity
          ? '*'
          : n.min === 1 && n.max === Infinity
            ? '+'
            : n.min === 0 && n.max === 1
              ? '?'
              : n.max === Infinity
                ? `{${n.min},}`
                : n.min === n.max
                  ? `{${n.min}}`
                  : `{${n.min},${n.max}}`;
      return `${render(n.body)}${q}${n.lazy ? '?' : ''}`;
    }
  }
  return '';
}

/** Literal pieces of a pattern (runs of plain characters), which hostile lines repeat. */
export function literalPieces(re) {
  const out = new Set();
  let cur = '';
  const flush = () => {
    if (cur.length >= 2) out.add(cur);
    cur = '';
  };
  const walk = (n) => {
    switch (n.type) {
      case 'char': {
        const src = n.src;
        if (src.length === 1 && src !== '.') cur += src;
        else if (src.length === 2 && src[0] === '\\' && /[^\w]/.test(src[1])) cur += src[1];
        else if (src === '\\s') cur += ' ';
        else if (src === '\\d') cur += '7';
        else flush();
        return;
      }
      case 'seq':
        n.items.forEach(walk);
        return;
      case 'alt':
        flush();
        for (const a of n.alts) {
          walk(a);
          flush();
        }
        return;
      case 'group':
        walk(n.body);
        return;
      case 'quant':
        flush();
        walk(n.body);
        flush();
        return;
      default:
        flush();
    }
  };
  walk(parseRegex(re.source));
  flush();
  return [...out];
}
