import { candidateQuery, isShortFormOf, matchName, nameKey, pinyinKey } from '../../src/text/normalize';

describe('telling likely duplicates apart', () => {
  it('keys a name the same whatever the script or case', () => {
    expect(nameKey('婦聯')).toBe(nameKey('妇联'));
    expect(nameKey('He Tingting')).toBe(nameKey('he tingting'));
  });

  it('reads 何婷婷 and He Tingting as the same pinyin', () => {
    expect(pinyinKey('何婷婷')).toBe('hetingting');
    expect(pinyinKey('He Tingting')).toBe('hetingting');
    expect(pinyinKey('hé tíng tíng')).toBe('hetingting');
  });

  it('sees 市妇联 as a short form of 淮南市妇女联合会 but not the other way round', () => {
    expect(isShortFormOf('市妇联', '淮南市妇女联合会')).toBe(true);
    expect(isShortFormOf('淮南市妇女联合会', '市妇联')).toBe(false);
    expect(isShortFormOf('总工会', '淮南市妇女联合会')).toBe(false);
  });

  it('scores the same name above an alias, pinyin and short forms, and people get no short forms', () => {
    const federation = { name: '淮南市妇女联合会', aliases: ['市妇联'] };
    expect(matchName('淮南市婦女聯合會', federation, true)!.score).toBe(1);
    expect(matchName('市婦聯', federation, true)!.reason).toBe('same as the alias 市妇联');
    expect(matchName('淮南妇联', federation, true)!.score).toBeGreaterThanOrEqual(0.7);
    expect(matchName('安徽省三八红旗手', { name: '三八红旗手' }, true)).toBeNull();
    expect(matchName('何婷', { name: '何婷婷' }, false)).toBeNull();
  });

  it('escapes Lucene syntax in full-text queries', () => {
    expect(candidateQuery('a+b (c)')).toContain('a\\+b \\(c\\)');
  });
});
