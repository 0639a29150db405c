import { isCommonWord, Token } from './segment';

/**
 * People: honoree list lines (a name, then a full-width space or a bracket with the unit and the
 * post), names separated by 、, names after a post (市妇联主席 李红梅, 副主席吴芳) and in bylines
 * (记者 何婷婷). A name is 2–4 Han characters opening with a surname and no common word.
 */

// Common single-character surnames (the most frequent few hundred cover nearly all people).
const SURNAMES = new Set(
  (
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
    '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝屠昝符卢阎祖'
  ).split(''),
);
const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '令狐', '慕容', '司徒', '夏侯', '尉迟', '长孙'];

/** Words that are never a person's name although they open with a surname character. */
const NOT_NAMES =
  /^(同志|主任|主席|书记|委员|单位|集体|个人|女性|妇女|儿童|家庭|社区|教师|医生|群众|居民|志愿|项目|工作|全市|全国|市委|市级|区级|县级|万人|金婚|高级|党员|干部|其中|其他|以下|以上|以来|近年|全年|年内|今年|去年|两年|连续|持续|成功|常态|文明|和谐|和美)/;

export function isPersonName(s: string): boolean {
  if (!/^[\p{Script=Han}]{2,4}$/u.test(s)) return false;
  const surname = COMPOUND_SURNAMES.some((c) => s.startsWith(c) && s.length >= 3) || SURNAMES.has(s[0]);
  if (!surname) return false;
  if (NOT_NAMES.test(s)) return false;
  if (/(市|县|区|省|镇|村|局|院|会|委|部|科|厅|队|团|所|站|中心|公司|银行|协会|手|集体)$/.test(s)) return false;
  // A particle or a verb after a name is not part of it (程丽等, 王芳的, 李红在).
  if (s.length >= 3 && /[等的和与及在是为被获将也都]$/.test(s)) return false;
  if (isCommonWord(s)) return false;
  return true;
}

/** Words after a name that end it (李红梅表示, 何晓梅主持, 吴芳被授予…). */
const AFTER_NAME = /^(表示|介绍|主持|说|指出|到会|参加|出席|被|是|在|等|同志|带领|讲话|致辞|强调|作|为|获|荣获|获评|任|担任|当选|荣|率|和|与|、|及)/;

const PUNCT_OR_SPACE = /[\s\u3000，。、；：！？“”‘’"'（）()《》【】,.;:!?]/;

/**
 * The person's name written at `pos` (after a post or a byline word), or null: the whole Han run
 * when it is 2–4 characters up to punctuation, else jieba's name token, else 3 or 2 characters
 * ending before a word that follows names.
 */
export function nameAt(line: string, pos: number, tokens: Token[]): string | null {
  let at = pos;
  while (at < line.length && /[\s\u3000：:]/.test(line[at])) at += 1;
  const run = /^[\p{Script=Han}]+/u.exec(line.slice(at));
  if (!run) return null;
  const word = run[0];
  // A four-character run is a name only with a compound surname (欧阳晓梅); 钱小芳等 is 钱小芳 + 等.
  const whole = word.length === 4 ? COMPOUND_SURNAMES.some((c) => word.startsWith(c)) : word.length >= 2 && word.length <= 3;
  if (whole && isPersonName(word)) return word;
  const token = tokens.find((t) => t.start === at);
  // A four-character token is a name only with a compound surname (邵美琳作 is 邵美琳 + 作).
  const fourOk = (w: string) => w.length < 4 || COMPOUND_SURNAMES.some((c) => w.startsWith(c));
  if (token && /^[\p{Script=Han}]{2,4}$/u.test(token.word) && fourOk(token.word) && /^(x|nr|nrfg|nrt)$/.test(token.tag) && isPersonName(token.word)) return token.word;
  if (token && token.word.length === 1 && SURNAMES.has(token.word)) {
    const next = tokens.find((t) => t.start === token.end);
    if (next && /^[\p{Script=Han}]{1,2}$/u.test(next.word) && /^(nr|x|n|ng|nz)/.test(next.tag)) {
      const joined = token.word + next.word;
      if (isPersonName(joined) && (next.end >= line.length || PUNCT_OR_SPACE.test(line[next.end]) || AFTER_NAME.test(line.slice(next.end)))) return joined;
    }
  }
  for (const len of [3, 2]) {
    const cand = word.slice(0, len);
    if (cand.length < len) continue;
    const after = line.slice(at + len);
    if ((after === '' || PUNCT_OR_SPACE.test(after[0]) || AFTER_NAME.test(after)) && isPersonName(cand)) return cand;
  }
  return null;
}

/** Posts as written after a unit: the longest known one, with a modifier of up to two characters before it (户籍民警, 客户经理). */
export const POSTS = [
  '党委书记', '党支部书记', '副书记', '书记', '副主席', '主席', '副主任', '主任', '副校长', '校长', '副院长', '院长', '副园长', '园长',
  '总经理', '副总经理', '经理', '董事长', '副董事长', '副会长', '会长', '秘书长', '副部长', '部长', '副局长', '局长', '副科长', '科长',
  '副庭长', '庭长', '副所长', '所长', '站长', '队长', '团长', '副理事长', '理事长', '研究员', '副研究员', '工程师', '教师', '老师',
  '医生', '医师', '护士长', '护士', '民警', '警官', '审判员', '法官', '检察官', '带头人', '负责人', '记者', '编辑', '执委', '委员',
  '社长', '行长', '副行长', '馆长', '厂长', '主管', '干部', '科员', '律师', '会计', '职工', '员工', '辅警', '村医', '网格员', '主播',
  '创始人', '总监', '教练', '讲师', '教授', '副教授', '班主任', '调解员', '主任医师', '副主任医师',
].sort((a, b) => b.length - a.length);

/** The post written at `pos` (up to two modifier characters before a known post), or null. */
export function postAt(line: string, pos: number): string | null {
  const rest = line.slice(pos);
  for (let skip = 0; skip <= 2; skip += 1) {
    if (skip > 0 && !/^[\p{Script=Han}]+$/u.test(rest.slice(0, skip))) break;
    for (const post of POSTS) {
      if (rest.startsWith(post, skip)) {
        // A modifier is part of the post only if it is not itself a name's start after a post (主席何…).
        return rest.slice(0, skip + post.length);
      }
    }
  }
  return null;
}

/** Bylines: 记者 何婷婷, 编辑：林小雨, 通讯员 … */
export const BYLINE = /(记者|通讯员|编辑|摄影|撰稿|作者)[：:\s\u3000]*/g;

/** List markers before a list line's first name (Markdown bullets, numbers). */
export const LIST_MARKER = /^\s*(?:[-*+•]\s+|\d+[.、]\s*|（\d+）\s*)?/;
