import {
  cleanText,
  escapeLucene,
  pinyinQuerySyllables,
  pinyinSyllableText,
  searchQuery,
  hasLostCharacters,
  normalizeName,
  normalizePinyinQuery,
  pinyinInitials,
  pinyinOf,
  searchKeys,
  stripPinyinAnnotations,
  toSimplified,
  toTraditional,
} from '../../src/text/normalize';

// Damaged forms below are copied from the seed article (short names only, no prose).

describe('stripping pinyin annotations from damaged text', () => {
  it('removes a toned annotation that follows a single character', () => {
    expect(stripPinyinAnnotations('市婦聯(lián)')).toBe('市婦聯');
    expect(stripPinyinAnnotations('服務(wù)')).toBe('服務');
  });

  it('removes one annotation per character when several characters are annotated', () => {
    expect(stripPinyinAnnotations('團(tuán)結(jié)')).toBe('團結');
    expect(stripPinyinAnnotations('執(zhí)委業(yè)務(wù)大練兵')).toBe('執委業務大練兵');
  });

  it('removes a multi-syllable annotation separated by spaces', () => {
    expect(stripPinyinAnnotations('紅旗手(hóng qí shǒu)')).toBe('紅旗手');
  });

  it('accepts ü, v, tone digits and decomposed tone marks', () => {
    expect(stripPinyinAnnotations('女(nǚ)')).toBe('女');
    expect(stripPinyinAnnotations('女(nv3)')).toBe('女');
    expect(stripPinyinAnnotations('聯(lia\u0301n)')).toBe('聯');
  });

  it('handles full-width parentheses', () => {
    expect(stripPinyinAnnotations('婦聯（lián）')).toBe('婦聯');
  });

  it('keeps Chinese parentheticals such as the collective form of an honor', () => {
    expect(stripPinyinAnnotations('三八紅旗手(集體)')).toBe('三八紅旗手(集體)');
    expect(stripPinyinAnnotations('三八紅旗手（集體）')).toBe('三八紅旗手（集體）');
  });

  it('cleans an annotation nested inside a Chinese parenthetical', () => {
    expect(stripPinyinAnnotations('女性(女大學(xué)生)')).toBe('女性(女大學生)');
  });

  it('keeps Latin text that is not pinyin, and numbers', () => {
    expect(stripPinyinAnnotations('兒童友好城市(LOGO)')).toBe('兒童友好城市(LOGO)');
    expect(stripPinyinAnnotations('女企業家(CEO)')).toBe('女企業家(CEO)');
    expect(stripPinyinAnnotations('2024年(2024)')).toBe('2024年(2024)');
  });

  it('keeps annotations that do not follow a Han character', () => {
    expect(stripPinyinAnnotations('LOGO(lián)')).toBe('LOGO(lián)');
  });

  it('drops the annotation residue left behind by a lost character but keeps the loss visible', () => {
    expect(stripPinyinAnnotations('勇?lián)?dāng)')).toBe('勇??');
    expect(stripPinyinAnnotations('基層?jì)D聯')).toBe('基層?D聯');
  });
});

describe('script conversion', () => {
  it('turns the article traditional spelling of the federation into simplified', () => {
    expect(toSimplified('淮南市婦女聯合會')).toBe('淮南市妇女联合会');
    expect(toSimplified('市中級人民法院訴訟服務中心')).toBe('市中级人民法院诉讼服务中心');
  });

  it('reads Taiwan-style variants found in the article', () => {
    expect(toSimplified('為')).toBe('为');
    expect(toSimplified('群眾')).toBe('群众');
    expect(toSimplified('啟動')).toBe('启动');
  });

  it('leaves simplified text alone', () => {
    expect(toSimplified('徽商银行淮南分行')).toBe('徽商银行淮南分行');
  });

  it('produces the traditional form a Taiwan-style source would use', () => {
    expect(toTraditional('淮南市妇女联合会')).toBe('淮南市婦女聯合會');
    expect(toTraditional('三八红旗集体')).toBe('三八紅旗集體');
  });

  it('writes 妇联系统 as 婦聯系統, not as 婦聯繫統', () => {
    expect(toTraditional('省妇联系统目标管理考核创新奖')).toBe('省婦聯系統目標管理考核創新獎');
  });
});

describe('normalizing names', () => {
  it('a name typed in traditional script with pinyin notes normalizes to its simplified form', () => {
    expect(normalizeName('市婦聯(lián)')).toBe('市妇联');
    expect(normalizeName('婦聯(lián)')).toBe('妇联');
  });

  it('an honor with its collective form in parentheses keeps the parenthetical', () => {
    expect(normalizeName('淮南市三八紅旗手(集體)聯(lián)盟')).toBe('淮南市三八红旗手(集体)联盟');
  });

  it('full-width parentheses and spaces become their ordinary forms', () => {
    expect(normalizeName('三八紅旗手（集體）')).toBe('三八红旗手(集体)');
    expect(normalizeName('美麗家園\u3000從家開始')).toBe('美丽家园 从家开始');
  });

  it('surrounding, repeated and zero-width whitespace is removed', () => {
    expect(normalizeName('  何\u200b婷婷 ')).toBe('何婷婷');
    expect(normalizeName('樹清廉家風   揚清風正氣')).toBe('树清廉家风 扬清风正气');
  });

  it('a damaged title keeps its lost characters so they can be detected', () => {
    expect(normalizeName('巾幗力量勇?lián)?dāng)')).toBe('巾帼力量勇??');
  });

  it('is idempotent', () => {
    for (const s of ['市婦聯(lián)', '勇?lián)?dāng)', '女性(女大學(xué)生)', '基層?jì)D聯', '見證幸?!?024']) {
      const once = normalizeName(s);
      expect(normalizeName(once)).toBe(once);
    }
  });

  it('cleanText removes the damage but keeps the script as written', () => {
    expect(cleanText('省婦聯(lián)系統(tǒng)')).toBe('省婦聯系統');
  });
});

describe('pinyin', () => {
  it('spells a name in toneless pinyin without spaces', () => {
    expect(pinyinOf('妇联')).toBe('fulian');
    expect(pinyinOf('何婷婷')).toBe('hetingting');
  });

  it('keeps tone marks when asked', () => {
    expect(pinyinOf('妇联', { tones: true })).toBe('fùlián');
  });

  it('writes ü as v, the way people type it', () => {
    expect(pinyinOf('妇女')).toBe('funv');
  });

  it('reads traditional characters too', () => {
    expect(pinyinOf('婦聯')).toBe('fulian');
  });

  it('keeps non-Han characters, lowercased', () => {
    expect(pinyinOf('1+10+N家庭')).toBe('1+10+njiating');
    expect(pinyinOf('儿童友好城市LOGO')).toBe('ertongyouhaochengshilogo');
  });

  it('reads 行 in a bank branch name as háng', () => {
    expect(pinyinOf('徽商银行淮南分行')).toBe('huishangyinhanghuainanfenhang');
  });

  it('abbreviates a name to its initials', () => {
    expect(pinyinInitials('淮南市妇女联合会')).toBe('hnsfnlhh');
    expect(pinyinInitials('市妇联')).toBe('sfl');
    expect(pinyinInitials('1+10+N家庭')).toBe('110njt');
  });
});

describe('user-typed pinyin queries', () => {
  it.each([
    ['fù lián', 'fulian'],
    ['Fu Lian', 'fulian'],
    ['fu2 lian2', 'fulian'],
    ['FULIAN', 'fulian'],
    ['ｆｕｌｉａｎ', 'fulian'],
    ['nǚ', 'nv'],
    ['nü', 'nv'],
    ['lu:', 'lv'],
    ["xi'an", 'xian'],
  ])('%s is searched as %s', (typed, expected) => {
    expect(normalizePinyinQuery(typed)).toBe(expected);
  });

  it('keeps numbers that are not tone digits', () => {
    expect(normalizePinyinQuery('2024 nian')).toBe('2024nian');
  });

  it('a typed query matches the pinyin of the stored name', () => {
    expect(normalizePinyinQuery('Shi Fu4 Lian2')).toBe(pinyinOf(normalizeName('市婦聯(lián)')));
  });
});

describe('lost characters', () => {
  it('are detected in the damaged title, the grassroots federation and the wedding slogan', () => {
    expect(hasLostCharacters('勇?lián)?dāng)')).toBe(true);
    expect(hasLostCharacters('基層?jì)D聯')).toBe(true);
    expect(hasLostCharacters('見證幸?!?024')).toBe(true);
  });

  it('are detected as full-width question marks and replacement characters', () => {
    expect(hasLostCharacters('基層？聯')).toBe(true);
    expect(hasLostCharacters('基層\uFFFD聯')).toBe(true);
  });

  it('are not reported in a repaired name', () => {
    expect(hasLostCharacters('基层妇联')).toBe(false);
  });
});

describe('search keys', () => {
  const keys = searchKeys('淮南市妇女联合会', ['市妇联', '市婦聯', '妇联']);

  it('hold each name in simplified and traditional script', () => {
    expect(keys).toEqual(expect.arrayContaining(['淮南市妇女联合会', '淮南市婦女聯合會', '市妇联', '市婦聯', '妇联', '婦聯']));
  });

  it('hold toneless pinyin and initials of each name', () => {
    expect(keys).toEqual(expect.arrayContaining(['huainanshifunvlianhehui', 'hnsfnlhh', 'shifulian', 'sfl', 'fulian', 'fl']));
  });

  it('are de-duplicated', () => {
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keep a traditional alias exactly as the source wrote it', () => {
    const honor = searchKeys('省妇联系统目标管理考核创新奖', ['省婦聯系統目標管理考核創新獎']);
    expect(honor).toContain('省婦聯系統目標管理考核創新獎');
  });

  it('are derived from cleaned text when an alias arrives damaged', () => {
    const k = searchKeys('淮南市妇女联合会', ['市婦聯(lián)']);
    expect(k).toContain('市妇联');
    expect(k.some((key) => key.includes('lián'))).toBe(false);
  });

  it('skip empty aliases', () => {
    expect(searchKeys('何婷婷', ['', '  '])).toEqual(['何婷婷', 'hetingting', 'he ting ting', 'htt']);
  });
});

describe('reading search queries', () => {
  it('splits pinyin into syllables however it is typed, fewest syllables first', () => {
    for (const text of ['fulian', 'fù lián', 'Fu Lian', 'fu2lian2', 'FULIAN']) {
      expect(pinyinQuerySyllables(text)?.[0]).toBe('fu lian');
    }
    expect(pinyinQuerySyllables("xi'an")).toEqual(['xi an']);
    expect(pinyinQuerySyllables('nǚ')).toEqual(['nv']);
  });

  it('does not read English, initials or Han text as pinyin', () => {
    expect(pinyinQuerySyllables('Federation')).toBeNull();
    expect(pinyinQuerySyllables('sfl')).toBeNull();
    expect(pinyinQuerySyllables('妇联')).toBeNull();
  });

  it('indexes pinyin syllable by syllable so a query can match a run of them', () => {
    expect(pinyinSyllableText('市妇联')).toBe('shi fu lian');
    expect(searchKeys('市妇联')).toContain('shi fu lian');
  });

  it('escapes every Lucene special character and disarms operator words', () => {
    expect(escapeLucene('a+b-c&&d||e!(f){g}[h]^"i"~j*k?l:m\\n/o')).toBe(
      'a\\+b\\-c\\&\\&d\\|\\|e\\!\\(f\\)\\{g\\}\\[h\\]\\^\\"i\\"\\~j\\*k\\?l\\:m\\\\n\\/o',
    );
    expect(['AND', 'OR', 'NOT'].map(escapeLucene)).toEqual(['and', 'or', 'not']);
  });

  it('searches the damaged and traditional forms as the simplified name', () => {
    expect(searchQuery('婦聯(lián)').simplified).toBe('妇联');
    expect(searchQuery('婦聯(lián)').names).toEqual(expect.arrayContaining(['妇联', '婦聯']));
    expect(searchQuery('fù lián').pinyin).toBe('fulian');
  });
});
