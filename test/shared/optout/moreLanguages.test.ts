/**
 * Opt-outs in the languages after English, Spanish and French most spoken in US homes: Portuguese,
 * Chinese (simplified and traditional), Vietnamese, Tagalog, Korean. Each stop is what a reasonable person
 * reads as "stop texting me" (47 CFR § 64.1200(a)(10)); each reply uses the same words in another sense.
 * Judgement calls are marked `// J:` with the reason.
 */
import { describe, expect, it } from 'vitest';
import { classifyInbound, FILLERS, normalizeInbound, STOP_PHRASES } from '../../../shared/optout';
import type { InboundClass } from '../../../shared/optout';

type Cls = InboundClass['class'];
const classOf = (text: string) => classifyInbound(text).class;

describe('normalizeInbound: Vietnamese, CJK and Hangul', () => {
  it.each([
    ['Đừng nhắn tin nữa', 'dung nhan tin nua'], // đ has no decomposition
    ['ĐỪNG', 'dung'],
    ['수신거부 해주세요', '수신거부 해주세요'], // NFKD splits syllables into jamo; they are put back
    ['ㅋㅋ 중지', 'ᄏᄏ 중지'], // a lone compatibility jamo stays a (conjoining) jamo
  ])('%j → %j', (text, flat) => {
    expect(normalizeInbound(text).flat).toBe(flat);
  });

  it('lists every keyword and filler as normalizeInbound writes it', () => {
    for (const k of [...STOP_PHRASES.keys(), ...FILLERS]) expect(normalizeInbound(k).flat, k).toBe(k);
  });
});

const STOPS: Record<string, string[]> = {
  Portuguese: [
    'Sair', 'SAIR', 'Pare, obrigado', 'Parem por favor', 'Descadastrar', 'Me descadastre', 'Quero sair', 'Quero cancelar',
    'Não quero mais mensagens', 'Não quero mais receber suas mensagens', 'Pare de me mandar mensagens', 'para de mandar sms',
    'Me tira da lista', 'Remova-me da lista por favor', 'Apaguem meu número', 'Não me mandem mais', 'Nunca mais me mande nada',
    'Me deixa em paz', 'Chega de mensagens', 'Quero me descadastrar dessa lista', 'Cancelar minha inscrição',
    'Remover', // J: as the English REMOVE
  ],
  Chinese: [
    '退订', '退訂', '取消订阅', '取消訂閱', '请退订', '我要退订', '退订 谢谢', '退订，谢谢', '别再发了', '不要再发',
    '不要再給我發簡訊', '不要再给我发短信', '请不要再发短信给我', '请勿发送广告', '别再联系我', '请删除我的号码', '把我从名单中删除',
    '请停止发送短信', '退订短信', '怎么取消订阅？', '我不想收到这些信息',
    '停止', '停止吧谢谢', // J: a bare 停止 answers nothing but the texts
    '取消', '我要取消', // J: as a bare CANCEL / "I need to cancel"
  ],
  Vietnamese: [
    'Hủy', 'HỦY', 'Hủy ạ', 'Dừng', 'Dừng lại', 'dừng lại đi', 'Ngừng', 'ngung', 'Ngưng nhé', 'Hủy đăng ký', 'huy dang ky',
    'Đừng nhắn tin nữa', 'dung nhan tin nua', 'Ngừng gửi tin nhắn', 'Xin đừng gửi tin nhắn', 'Đừng làm phiền tôi nữa',
    'Tôi không muốn nhận tin nhắn nữa', 'Xóa số của tôi', 'Xóa tôi khỏi danh sách',
    'Từ chối', // J: "I refuse", as a whole reply
  ],
  Tagalog: [
    'Tigil', 'Tigil na po', 'Itigil nyo na', 'Stop na po', 'Stop po', 'Hinto na', 'wag na kayong mag-text', 'Huwag na po kayong mag text',
    'Wag nyo na akong i-text', 'Tigilan nyo na ako', 'Itigil na ang pag-text', 'Ayoko na ng text', 'Alisin nyo ako sa listahan',
    'Burahin nyo na ang number ko',
    'Tama na po', 'Tama na!', // J: "enough already"
    'Ayoko na po', // J: "I don't want this anymore"
  ],
  Korean: [
    '중지', '수신거부', '수신 거부', '그만', '그만해', '그만하세요', '중지해주세요', '중지 해주세요', '수신거부합니다', '문자 수신거부',
    '구독 취소', '문자 보내지 마세요', '더 이상 문자 보내지 마세요', '연락하지 마세요', '문자 그만 보내세요', '제 번호 삭제해 주세요',
    '제발 그만', '광고 문자 보내지 마세요', '문자는 보내지 마시고 전화 주세요',
    '취소', // J: as a bare CANCEL
  ],
};

const REPLIES: Record<string, string[]> = {
  Portuguese: [
    'Pode parar aqui amanhã?', 'Pare na frente da casa azul', 'Vou sair agora, chego em 10 min', 'Pode remover o aquecedor antigo?',
    'Cancelar a visita de amanhã', 'Não quero mais esperar, pode vir hoje?', 'Para de chover e eu ligo', 'Obrigado',
    'Não me mande mensagem antes das 9', 'Parar o vazamento é urgente', 'Preciso parar de me preocupar com isso',
  ],
  Chinese: [
    '漏水已经停止了', '停止了', '水停止漏了吗？', '我想退订明天的预约', '取消明天的预约', '今天不要发短信，我在开会', '你不用再发了，我收到了',
    '谢谢', '好的，明天见', '不要', '晚上不要给我发短信', '今天不想收到短信，明天再说',
  ],
  // J: unaccented "Huy"/"Dung" are given names; only the accented verb is a stop
  Vietnamese: [
    'Huy', 'Thanks, Huy', 'Dung', 'Call me at 3 - Dung', 'Dung Lai', 'Dũng', 'Anh Huy', 'Dung nhan tin cho anh roi',
    'Tôi không muốn tin điều đó', 'Không muốn nhận tin nhắn vào buổi sáng', 'Đừng',
  ],
  Tagalog: [
    'Tama na po yung oras', 'Tama po', 'tigil-pasada bukas', 'Wag na po, okay na', 'Wag mo akong i-text bukas', 'Sige po', 'Opo',
    'Cancel PO #4411', // "po" is no filler: a purchase order stays a reply
  ],
  Korean: [
    '그만큼이면 괜찮아요', '오늘은 그만하고 내일 오세요', '공사 중지 언제 끝나요?', '밤에는 문자 보내지 마세요', '9시 전에는 연락하지 마세요',
    '감사합니다', '네 좋아요', '예전 번호 삭제해 주세요',
  ],
};

const CASES: [string, string, Cls][] = [
  ...Object.entries(STOPS).flatMap(([lang, texts]) => texts.map((t): [string, string, Cls] => [lang, t, 'stop'])),
  ...Object.entries(REPLIES).flatMap(([lang, texts]) => texts.map((t): [string, string, Cls] => [lang, t, 'reply'])),
];

describe('classifyInbound: Portuguese, Chinese, Vietnamese, Tagalog, Korean', () => {
  it('has distinct messages', () => {
    expect(new Set(CASES.map(([, t]) => t)).size).toBe(CASES.length);
  });

  it.each(CASES)('%s: %j is %s', (_lang, text, cls) => {
    expect(classOf(text)).toBe(cls);
  });

  it.each([
    ['退订', '退订'],
    ['수신거부 해주세요', '수신거부'],
    ['Hủy ạ', 'HUY'],
    ['tama na po', 'TAMA NA PO'],
    ['Sair, obrigado', 'SAIR'],
  ])('%j is a keyword stop (%s)', (text, keyword) => {
    expect(classifyInbound(text)).toEqual({ class: 'stop', keyword, scope: 'this', matched: 'keyword' });
  });

  it.each([
    ['Não quero mais mensagens', 'pt_dont_contact'],
    ['Quero me descadastrar', 'pt_unsubscribe'],
    ['不要再给我发短信', 'zh_dont_contact'],
    ['别再发了', 'zh_dont_contact'],
    ['怎么取消订阅？', 'zh_unsubscribe'],
    ['我不想收到这些信息', 'zh_dont_contact'],
    ['Đừng nhắn tin nữa', 'vi_dont_contact'],
    ['wag na kayong mag-text', 'tl_dont_contact'],
    ['문자 보내지 마세요', 'ko_dont_contact'],
    ['중지해주세요', 'keyword_in_text'],
  ])('%j is a stop (%s)', (text, matched) => {
    expect(classifyInbound(text)).toMatchObject({ class: 'stop', matched });
  });

  it('finds a CJK keyword clause inside a longer message', () => {
    expect(classifyInbound('Who is this? 退订')).toMatchObject({ class: 'stop', keyword: '退订', matched: 'keyword' });
  });
});
