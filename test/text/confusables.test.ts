import { skeleton } from '../../src/text/confusables';
import { matchName, nameKey, nameSkeleton, namedProperties } from '../../src/text/normalize';

describe('what counts as the same name', () => {
  it.each([
    ['zero-width space U+200B', '\u200b'],
    ['zero-width joiner U+200D', '\u200d'],
    ['soft hyphen U+00AD', '\u00ad'],
    ['word joiner U+2060', '\u2060'],
    ['invisible times U+2062', '\u2062'],
    ['variation selector U+FE0F', '\ufe0f'],
    ['variation selector U+E01EF', '\u{e01ef}'],
    ['right-to-left override U+202E', '\u202e'],
    ['left-to-right isolate U+2066', '\u2066'],
    ['byte order mark U+FEFF', '\ufeff'],
    ['tag character U+E0041', '\u{e0041}'],
    ['Hangul filler U+3164', '\u3164'],
  ])('%s inside a name changes neither its key nor its stored name', (_what, invisible) => {
    expect(nameKey(`何${invisible}婷婷`)).toBe('何婷婷');
    expect(nameKey(`何婷婷${invisible}`)).toBe('何婷婷');
    expect(namedProperties({ name: `何${invisible}婷婷` }).name).toBe('何婷婷');
  });

  it('full-width and compatibility forms fold under NFKC', () => {
    expect(nameKey('ＡＮＮＡ')).toBe(nameKey('Anna'));
  });

  it('look-alike letters from other scripts share a TR39 skeleton and make a candidate', () => {
    expect(skeleton('\u0410nna')).toBe(skeleton('Anna'));
    expect(nameSkeleton('\u0410nna Testova')).toBe(nameSkeleton('Anna Testova'));
    expect(nameSkeleton('\u0391\u039d\u039d\u0391')).toBe(nameSkeleton('Anna')); // Greek capitals
    expect(nameSkeleton('\u0410NNA')).toBe(nameSkeleton('anna'));
    expect(matchName('\u0410nna Testova', { name: 'Anna Testova' }, false)).toMatchObject({ score: 0.8 });
    // Different names stay apart.
    expect(nameSkeleton('Anna')).not.toBe(nameSkeleton('Anne'));
    expect(matchName('Hanna Testova', { name: 'Anna Testova' }, false)).toBeNull();
  });
});
