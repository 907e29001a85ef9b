/* hw-demo-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hw-demo-data"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hw-db.h"
#include "hw-db-result-private.h"
#include "hw-demo-data.h"
#include "hw-image-hash.h"
#include "hw-demo-image.h"
#include "hw-search-tokens.h"

/* Synthetic demo data: units, officers, children and their families, cases,
 * sightings with generated photos and repost groups, links, verification
 * steps, DNA samples with custody and STR profiles, comparisons, found
 * children and reunions. Nothing in it is real: names are drawn from tables
 * of common characters, photos are abstract drawings (hw-demo-image.c).
 *
 * Determinism: every row is drawn from a splitmix64 stream seeded by
 * (seed, stream, row index), never from global state, and all dates are
 * relative to a fixed reference day (REFERENCE_*), not to the clock. The
 * same seed loaded into the same (empty) database gives the same rows,
 * created_at and updated_at included.
 *
 * Speed: the load is one transaction on a blocking connection of its own,
 * written with COPY FROM STDIN in text format from ~1 MB buffers. It runs
 * with session_replication_role = replica, which switches off the ordinary
 * triggers (audit log, change log, NOTIFY, status rules, version bumps) and
 * the foreign-key triggers: per-row triggers would make a bulk load of
 * millions of rows crawl, and demo data is not officers' work, so it does
 * not belong in the audit log. In return this file fills every column those
 * triggers would (triage_deadline, status_changed_at, signed_off_at, ...),
 * writes only states the status rules allow, and writes ids itself (COPY
 * may set identity columns), so the foreign keys hold by construction.
 *
 * The search columns, which triggers keep for ordinary writes (schema
 * 0004), are written here too: their lexemes come from hw-search-tokens.c,
 * the client's copy of homeward.cjk_tokens_multi(), fed the same fields as
 * homeward.person_search() and the other per-table functions. Tokenising
 * in plpgsql took the one backend that parses and stores every row a good
 * third of its time; in C it takes the client a few microseconds a row.
 *
 * For big loads the B-tree indexes of the bulk tables that back no
 * constraint are dropped and built again at the end of the transaction
 * (their definitions are read from the catalog, not repeated here). The
 * GIN indexes of the search columns stay: their entries go to the pending
 * lists, which a second connection merges meanwhile (see GinCleaner).
 *
 * Ground truth: which sightings really are about which case is stored in
 * homeward.demo_ground_truth (created in the same transaction, readable by
 * the owner and superusers only), so tests can measure candidate ranking.
 *
 * Photos are drawn by worker threads while the rows stream: a pool of base
 * pictures (at most PHOTO_POOL_MAX), each with a few re-encoded variants
 * (resized, other JPEG quality) for reposts. Beyond the pool size, base
 * pictures repeat across unrelated records. */

#define COPY_BUFFER_SIZE      (1 << 20)
#define BULK_INDEX_THRESHOLD  20000     /* rows of sightings + cases above which indexes are rebuilt */
#define PHOTO_POOL_MAX        6000
#define PHOTO_VARIANTS        3         /* the original and two reposts */
#define PHOTO_WIDTH           160
#define PHOTO_HEIGHT          200
#define SECONDS_PER_DAY       G_GINT64_CONSTANT (86400)
#define CST_OFFSET            (8 * 3600)     /* China Standard Time, UTC+8 */
#define NO_TIME               G_MININT64
/* when the units, officers and reference tables were "created": 2004-12-01 09:00 CST */
#define ROSTER_TIME           G_GINT64_CONSTANT (1101862800)

/* The demo world's "today": data never lies after it. */
#define REFERENCE_YEAR  2026
#define REFERENCE_MONTH 11
#define REFERENCE_DAY   20

/* Streams of the random generator, one per kind of draw. */
enum {
  S_CASE = 1, S_CASE_TIME, S_SIGHT_PLAN, S_SIGHT, S_SIGHT_TIME, S_TRUTH, S_LINK, S_STEP,
  S_FAMILY, S_CONTACT, S_PHOTO, S_DNA, S_FOUND, S_GROUP, S_ROSTER, S_REUNION, S_SIGHT_ROW,
};

typedef struct
{
  guint64 state;
} Rng;

/* ---------------------------------------------------------------------------
 * Static tables
 * ------------------------------------------------------------------------- */

typedef struct
{
  const char *zh;
  const char *latin;
  guint       weight;   /* per 10,000 people, roughly */
} Surname;

/* The common surnames, by frequency. */
static const Surname surnames[] = {
  { "王", "Wang", 710 }, { "李", "Li", 700 }, { "张", "Zhang", 660 }, { "刘", "Liu", 540 },
  { "陈", "Chen", 450 }, { "杨", "Yang", 310 }, { "黄", "Huang", 220 }, { "赵", "Zhao", 200 },
  { "吴", "Wu", 200 }, { "周", "Zhou", 190 }, { "徐", "Xu", 130 }, { "孙", "Sun", 130 },
  { "马", "Ma", 110 }, { "朱", "Zhu", 110 }, { "胡", "Hu", 100 }, { "郭", "Guo", 100 },
  { "何", "He", 90 }, { "林", "Lin", 90 }, { "罗", "Luo", 90 }, { "高", "Gao", 90 },
  { "郑", "Zheng", 80 }, { "梁", "Liang", 70 }, { "谢", "Xie", 70 }, { "宋", "Song", 60 },
  { "唐", "Tang", 60 }, { "许", "Xu", 60 }, { "韩", "Han", 55 }, { "冯", "Feng", 55 },
  { "邓", "Deng", 55 }, { "曹", "Cao", 50 }, { "彭", "Peng", 50 }, { "曾", "Zeng", 50 },
  { "肖", "Xiao", 50 }, { "田", "Tian", 45 }, { "董", "Dong", 45 }, { "袁", "Yuan", 45 },
  { "潘", "Pan", 40 }, { "于", "Yu", 40 }, { "蒋", "Jiang", 40 }, { "蔡", "Cai", 40 },
  { "余", "Yu", 40 }, { "杜", "Du", 38 }, { "叶", "Ye", 38 }, { "程", "Cheng", 37 },
  { "苏", "Su", 36 }, { "魏", "Wei", 35 }, { "吕", "Lü", 35 }, { "丁", "Ding", 34 },
  { "任", "Ren", 33 }, { "沈", "Shen", 32 }, { "姚", "Yao", 31 }, { "卢", "Lu", 30 },
  { "姜", "Jiang", 30 }, { "崔", "Cui", 30 }, { "钟", "Zhong", 30 }, { "谭", "Tan", 29 },
  { "陆", "Lu", 28 }, { "汪", "Wang", 27 }, { "范", "Fan", 27 }, { "金", "Jin", 26 },
  { "石", "Shi", 26 }, { "廖", "Liao", 25 }, { "贾", "Jia", 25 }, { "夏", "Xia", 24 },
  { "韦", "Wei", 24 }, { "付", "Fu", 23 }, { "方", "Fang", 23 }, { "白", "Bai", 22 },
  { "邹", "Zou", 22 }, { "孟", "Meng", 21 }, { "熊", "Xiong", 21 }, { "秦", "Qin", 20 },
  { "邱", "Qiu", 20 }, { "江", "Jiang", 20 }, { "尹", "Yin", 19 }, { "薛", "Xue", 19 },
  { "闫", "Yan", 18 }, { "段", "Duan", 18 }, { "雷", "Lei", 18 }, { "侯", "Hou", 17 },
  { "龙", "Long", 17 }, { "史", "Shi", 16 }, { "陶", "Tao", 16 }, { "黎", "Li", 16 },
  { "贺", "He", 16 }, { "顾", "Gu", 15 }, { "毛", "Mao", 15 }, { "郝", "Hao", 15 },
  { "龚", "Gong", 14 }, { "邵", "Shao", 14 }, { "万", "Wan", 14 }, { "钱", "Qian", 14 },
  { "严", "Yan", 13 }, { "覃", "Qin", 13 }, { "武", "Wu", 13 }, { "戴", "Dai", 13 },
  { "莫", "Mo", 12 }, { "孔", "Kong", 12 }, { "向", "Xiang", 12 }, { "汤", "Tang", 12 },
  { "常", "Chang", 11 }, { "温", "Wen", 11 }, { "康", "Kang", 10 }, { "施", "Shi", 10 },
  { "欧阳", "Ouyang", 5 }, { "司马", "Sima", 2 },
};

typedef struct
{
  const char *zh;
  const char *latin;
  char        sex;      /* 'm', 'f' or 'n' (either) */
} GivenChar;

/* Characters common in given names, with their pinyin (no tone marks). */
static const GivenChar given_chars[] = {
  { "伟", "wei", 'm' }, { "强", "qiang", 'm' }, { "磊", "lei", 'm' }, { "军", "jun", 'm' },
  { "勇", "yong", 'm' }, { "杰", "jie", 'm' }, { "涛", "tao", 'm' }, { "斌", "bin", 'm' },
  { "超", "chao", 'm' }, { "明", "ming", 'm' }, { "刚", "gang", 'm' }, { "平", "ping", 'n' },
  { "辉", "hui", 'm' }, { "鹏", "peng", 'm' }, { "华", "hua", 'n' }, { "飞", "fei", 'm' },
  { "鑫", "xin", 'm' }, { "波", "bo", 'm' }, { "宇", "yu", 'm' }, { "浩", "hao", 'm' },
  { "凯", "kai", 'm' }, { "健", "jian", 'm' }, { "俊", "jun", 'm' }, { "帆", "fan", 'm' },
  { "帅", "shuai", 'm' }, { "旭", "xu", 'm' }, { "宁", "ning", 'n' }, { "龙", "long", 'm' },
  { "林", "lin", 'n' }, { "阳", "yang", 'm' }, { "洋", "yang", 'm' }, { "博", "bo", 'm' },
  { "文", "wen", 'n' }, { "豪", "hao", 'm' }, { "峰", "feng", 'm' }, { "亮", "liang", 'm' },
  { "成", "cheng", 'm' }, { "东", "dong", 'm' }, { "志", "zhi", 'm' }, { "建", "jian", 'm' },
  { "国", "guo", 'm' }, { "海", "hai", 'm' }, { "兵", "bing", 'm' }, { "毅", "yi", 'm' },
  { "晨", "chen", 'n' }, { "轩", "xuan", 'm' }, { "睿", "rui", 'n' }, { "泽", "ze", 'm' },
  { "子", "zi", 'n' }, { "梓", "zi", 'n' }, { "航", "hang", 'm' }, { "天", "tian", 'm' },
  { "宏", "hong", 'm' }, { "振", "zhen", 'm' }, { "鸿", "hong", 'm' }, { "家", "jia", 'n' },
  { "嘉", "jia", 'n' }, { "昊", "hao", 'm' }, { "然", "ran", 'n' }, { "铭", "ming", 'm' },
  { "瑞", "rui", 'n' }, { "锦", "jin", 'n' }, { "熙", "xi", 'n' }, { "晟", "sheng", 'm' },
  { "哲", "zhe", 'm' }, { "彬", "bin", 'm' }, { "城", "cheng", 'm' }, { "坤", "kun", 'm' },
  { "炜", "wei", 'm' }, { "琦", "qi", 'n' }, { "锋", "feng", 'm' }, { "松", "song", 'm' },
  { "柏", "bai", 'm' }, { "森", "sen", 'm' }, { "桐", "tong", 'n' }, { "楠", "nan", 'n' },
  { "硕", "shuo", 'm' }, { "翔", "xiang", 'm' }, { "腾", "teng", 'm' }, { "岩", "yan", 'm' },
  { "昌", "chang", 'm' }, { "德", "de", 'm' }, { "福", "fu", 'm' }, { "贵", "gui", 'm' },
  { "祥", "xiang", 'm' }, { "荣", "rong", 'n' }, { "发", "fa", 'm' }, { "财", "cai", 'm' },
  { "力", "li", 'm' }, { "虎", "hu", 'm' }, { "彪", "biao", 'm' }, { "山", "shan", 'm' },
  { "石", "shi", 'm' }, { "金", "jin", 'm' }, { "铁", "tie", 'm' }, { "根", "gen", 'm' },
  { "柱", "zhu", 'm' }, { "生", "sheng", 'm' }, { "顺", "shun", 'm' }, { "永", "yong", 'm' },
  { "庆", "qing", 'm' }, { "利", "li", 'm' }, { "学", "xue", 'm' }, { "良", "liang", 'm' },
  { "义", "yi", 'm' }, { "仁", "ren", 'm' }, { "武", "wu", 'm' }, { "旺", "wang", 'm' },
  { "运", "yun", 'm' }, { "启", "qi", 'm' }, { "聪", "cong", 'm' }, { "恒", "heng", 'm' },
  { "凡", "fan", 'n' }, { "一", "yi", 'n' }, { "奕", "yi", 'n' }, { "逸", "yi", 'm' },
  { "弘", "hong", 'm' }, { "诚", "cheng", 'm' }, { "晖", "hui", 'm' }, { "骏", "jun", 'm' },
  { "驰", "chi", 'm' }, { "烨", "ye", 'm' }, { "煜", "yu", 'm' }, { "皓", "hao", 'm' },
  { "钰", "yu", 'n' }, { "锐", "rui", 'm' }, { "朗", "lang", 'm' }, { "乐", "le", 'n' },
  { "安", "an", 'n' }, { "承", "cheng", 'm' }, { "景", "jing", 'm' }, { "宸", "chen", 'm' },
  { "岳", "yue", 'm' }, { "川", "chuan", 'm' }, { "江", "jiang", 'm' }, { "河", "he", 'm' },
  { "春", "chun", 'n' }, { "冬", "dong", 'n' }, { "秋", "qiu", 'n' }, { "恩", "en", 'n' },
  { "宝", "bao", 'n' }, { "新", "xin", 'n' }, { "光", "guang", 'm' },
  { "星", "xing", 'n' }, { "杨", "yang", 'n' }, { "智", "zhi", 'm' }, { "勤", "qin", 'n' },
  { "芳", "fang", 'f' }, { "娜", "na", 'f' }, { "敏", "min", 'f' }, { "静", "jing", 'f' },
  { "丽", "li", 'f' }, { "艳", "yan", 'f' }, { "娟", "juan", 'f' }, { "霞", "xia", 'f' },
  { "秀", "xiu", 'f' }, { "玲", "ling", 'f' }, { "燕", "yan", 'f' }, { "婷", "ting", 'f' },
  { "雪", "xue", 'f' }, { "慧", "hui", 'f' }, { "颖", "ying", 'f' }, { "琳", "lin", 'f' },
  { "倩", "qian", 'f' }, { "晶", "jing", 'f' }, { "欣", "xin", 'n' }, { "怡", "yi", 'f' },
  { "佳", "jia", 'n' }, { "梅", "mei", 'f' }, { "莉", "li", 'f' }, { "萍", "ping", 'f' },
  { "红", "hong", 'f' }, { "兰", "lan", 'f' }, { "英", "ying", 'f' }, { "凤", "feng", 'f' },
  { "洁", "jie", 'f' }, { "琴", "qin", 'f' }, { "云", "yun", 'n' }, { "莹", "ying", 'f' },
  { "璐", "lu", 'f' }, { "瑶", "yao", 'f' }, { "诗", "shi", 'f' }, { "涵", "han", 'n' },
  { "萱", "xuan", 'f' }, { "梦", "meng", 'f' }, { "雨", "yu", 'n' }, { "月", "yue", 'f' },
  { "彤", "tong", 'f' }, { "悦", "yue", 'f' }, { "蕾", "lei", 'f' }, { "薇", "wei", 'f' },
  { "菲", "fei", 'f' }, { "露", "lu", 'f' }, { "思", "si", 'n' }, { "语", "yu", 'f' },
  { "馨", "xin", 'f' }, { "淑", "shu", 'f' }, { "珍", "zhen", 'f' }, { "珊", "shan", 'f' },
  { "妍", "yan", 'f' }, { "妮", "ni", 'f' }, { "婉", "wan", 'f' }, { "娇", "jiao", 'f' },
  { "媛", "yuan", 'f' }, { "嫣", "yan", 'f' }, { "姗", "shan", 'f' }, { "蓉", "rong", 'f' },
  { "荷", "he", 'f' }, { "菊", "ju", 'f' }, { "桂", "gui", 'f' }, { "香", "xiang", 'f' },
  { "翠", "cui", 'f' }, { "巧", "qiao", 'f' }, { "美", "mei", 'f' }, { "爱", "ai", 'f' },
  { "小", "xiao", 'n' }, { "晓", "xiao", 'n' }, { "可", "ke", 'n' }, { "心", "xin", 'f' },
  { "琪", "qi", 'f' }, { "瑜", "yu", 'f' }, { "璇", "xuan", 'f' }, { "茜", "qian", 'f' },
  { "蓓", "bei", 'f' }, { "芸", "yun", 'f' }, { "芝", "zhi", 'f' }, { "蕊", "rui", 'f' },
  { "昕", "xin", 'n' }, { "冰", "bing", 'f' }, { "玉", "yu", 'f' }, { "惠", "hui", 'f' },
  { "艺", "yi", 'f' }, { "依", "yi", 'f' }, { "伊", "yi", 'f' }, { "雅", "ya", 'f' },
  { "婧", "jing", 'f' }, { "欢", "huan", 'n' }, { "丹", "dan", 'f' }, { "青", "qing", 'n' },
  { "清", "qing", 'n' }, { "菁", "jing", 'f' }, { "晴", "qing", 'f' }, { "舒", "shu", 'f' },
  { "楚", "chu", 'n' }, { "若", "ruo", 'f' }, { "曦", "xi", 'f' }, { "紫", "zi", 'f' },
  { "沫", "mo", 'f' }, { "汐", "xi", 'f' }, { "朵", "duo", 'f' }, { "甜", "tian", 'f' },
  { "玥", "yue", 'f' }, { "灵", "ling", 'f' }, { "莲", "lian", 'f' }, { "芬", "fen", 'f' },
  { "桃", "tao", 'f' }, { "杏", "xing", 'f' }, { "叶", "ye", 'f' }, { "虹", "hong", 'f' },
  { "岚", "lan", 'f' }, { "黛", "dai", 'f' }, { "娅", "ya", 'f' }, { "婕", "jie", 'f' },
  { "姝", "shu", 'f' }, { "佩", "pei", 'f' }, { "珠", "zhu", 'f' }, { "琼", "qiong", 'f' },
  { "瑾", "jin", 'f' }, { "瑛", "ying", 'f' }, { "霏", "fei", 'f' }, { "筱", "xiao", 'f' },
  { "亚", "ya", 'n' }, { "雯", "wen", 'f' }, { "茹", "ru", 'f' }, { "璟", "jing", 'n' },
  { "瀚", "han", 'm' }, { "鹤", "he", 'm' }, { "栋", "dong", 'm' }, { "伦", "lun", 'm' },
  { "昆", "kun", 'm' }, { "维", "wei", 'm' }, { "琛", "chen", 'm' }, { "灿", "can", 'm' },
  { "钧", "jun", 'm' }, { "卓", "zhuo", 'm' }, { "霖", "lin", 'n' }, { "沛", "pei", 'n' },
  { "笑", "xiao", 'n' }, { "娴", "xian", 'f' }, { "妙", "miao", 'f' }, { "蝶", "die", 'f' },
  { "莎", "sha", 'f' }, { "芮", "rui", 'f' }, { "蔚", "wei", 'f' }, { "彩", "cai", 'f' },
  { "素", "su", 'f' }, { "毓", "yu", 'f' }, { "韵", "yun", 'f' }, { "苗", "miao", 'f' },
  { "蕙", "hui", 'f' },
};

/* Distinguishing marks as families describe them. */
static const char * const marks[] = {
  "左耳后有痣", "右耳后有痣", "左眉上方有一颗黑痣", "右脸颊有酒窝", "额头有一道浅色疤痕",
  "头顶有两个旋", "后脑勺有一个旋", "左手腕有烫伤疤痕", "右手腕有烫伤疤痕", "左手背有胎记",
  "右小腿有青色胎记", "后背有红色胎记", "门牙缺一颗", "左手小指弯曲", "右手有六根手指",
  "左脚有六个脚趾", "右眼角有小疤", "下巴有一道疤痕", "左膝盖有摔伤疤痕", "腹部有手术疤痕",
  "左耳有耳洞", "右耳垂有小缺口", "左臂有种痘疤痕", "颈部有一颗红痣", "臀部有青色胎记",
  "眉心有痣", "鼻梁上有小疤", "左眼皮有痣", "头发偏黄", "头发自然卷", "说话有点口吃",
  "右手食指有刀疤", "左脚底有痣", "左肩有烫伤", "右眼轻微斜视", "右耳前有小肉赘",
};

typedef struct
{
  const char *province;
  const char *city;      /* city, prefecture, county or district */
  const char *short_name;
  const char *code;      /* administrative division code */
  double      lat;
  double      lon;
  guint8      unit;      /* index into units[] of the responsible unit */
  guint8      kind;      /* 'S' source of trafficked children, 'D' destination, 'B' both */
  const char *dialect;
} Place;

enum { U_SZ, U_GZ, U_CD, U_KM, U_ZZ, U_BJ, N_UNITS };

typedef struct
{
  const char *code;
  const char *name;
  const char *region;
  guint       weight;    /* share of the cases */
} UnitDef;

static const UnitDef units[N_UNITS] = {
  { "SZ", "深圳市公安局刑侦支队打拐大队", "广东省深圳市", 20 },
  { "GZ", "广州市公安局刑侦支队打拐大队", "广东省广州市", 20 },
  { "CD", "成都市公安局刑侦支队打拐大队", "四川省成都市", 18 },
  { "KM", "昆明市公安局刑侦支队打拐大队", "云南省昆明市", 15 },
  { "ZZ", "郑州市公安局刑侦支队打拐大队", "河南省郑州市", 15 },
  { "BJ", "北京市公安局刑侦总队打拐支队", "北京市", 12 },
};

/* Real places with approximate coordinates; jittered when used. */
static const Place places[] = {
  { "广东省", "深圳市", "深圳", "440300", 22.543, 114.058, U_SZ, 'D', "粤语" },
  { "广东省", "东莞市", "东莞", "441900", 23.021, 113.752, U_SZ, 'D', "粤语" },
  { "广东省", "惠州市", "惠州", "441300", 23.112, 114.416, U_SZ, 'D', "客家话" },
  { "广东省", "汕尾市", "汕尾", "441500", 22.786, 115.375, U_SZ, 'B', "潮汕话" },
  { "广东省", "广州市", "广州", "440100", 23.129, 113.264, U_GZ, 'D', "粤语" },
  { "广东省", "佛山市", "佛山", "440600", 23.022, 113.122, U_GZ, 'D', "粤语" },
  { "广东省", "汕头市", "汕头", "440500", 23.354, 116.682, U_GZ, 'D', "潮汕话" },
  { "广东省", "揭阳市", "揭阳", "445200", 23.550, 116.372, U_GZ, 'D', "潮汕话" },
  { "广东省", "湛江市", "湛江", "440800", 21.271, 110.359, U_GZ, 'B', "粤语" },
  { "广东省", "中山市", "中山", "442000", 22.517, 113.393, U_GZ, 'D', "粤语" },
  { "福建省", "莆田市", "莆田", "350300", 25.454, 119.008, U_GZ, 'D', "莆仙话" },
  { "福建省", "泉州市", "泉州", "350500", 24.874, 118.676, U_GZ, 'D', "闽南话" },
  { "福建省", "福州市", "福州", "350100", 26.074, 119.296, U_GZ, 'D', "福州话" },
  { "湖南省", "长沙市", "长沙", "430100", 28.228, 112.939, U_GZ, 'B', "湘语" },
  { "湖南省", "邵阳市", "邵阳", "430500", 27.239, 111.468, U_GZ, 'S', "湘语" },
  { "江西省", "赣州市", "赣州", "360700", 25.831, 114.935, U_GZ, 'S', "客家话" },
  { "浙江省", "温州市", "温州", "330300", 27.994, 120.699, U_GZ, 'D', "温州话" },
  { "上海市", "浦东新区", "上海", "310115", 31.221, 121.544, U_GZ, 'D', "上海话" },
  { "四川省", "成都市", "成都", "510100", 30.573, 104.066, U_CD, 'B', "四川话" },
  { "四川省", "凉山彝族自治州", "凉山", "513400", 27.887, 102.267, U_CD, 'S', "彝语" },
  { "四川省", "昭觉县", "昭觉", "513431", 28.011, 102.843, U_CD, 'S', "彝语" },
  { "四川省", "南充市", "南充", "511300", 30.838, 106.111, U_CD, 'S', "四川话" },
  { "四川省", "绵阳市", "绵阳", "510700", 31.468, 104.679, U_CD, 'S', "四川话" },
  { "四川省", "达州市", "达州", "511700", 31.209, 107.468, U_CD, 'S', "四川话" },
  { "四川省", "宜宾市", "宜宾", "511500", 28.752, 104.643, U_CD, 'S', "四川话" },
  { "重庆市", "万州区", "万州", "500101", 30.808, 108.408, U_CD, 'S', "重庆话" },
  { "重庆市", "渝中区", "重庆", "500103", 29.556, 106.568, U_CD, 'B', "重庆话" },
  { "贵州省", "贵阳市", "贵阳", "520100", 26.647, 106.630, U_CD, 'B', "贵州话" },
  { "贵州省", "毕节市", "毕节", "520500", 27.302, 105.284, U_CD, 'S', "贵州话" },
  { "贵州省", "威宁彝族回族苗族自治县", "威宁", "520526", 26.873, 104.253, U_CD, 'S', "贵州话" },
  { "陕西省", "西安市", "西安", "610100", 34.341, 108.940, U_CD, 'B', "陕西话" },
  { "甘肃省", "兰州市", "兰州", "620100", 36.061, 103.834, U_CD, 'B', "兰州话" },
  { "云南省", "昆明市", "昆明", "530100", 25.038, 102.718, U_KM, 'B', "云南话" },
  { "云南省", "昭通市", "昭通", "530600", 27.338, 103.717, U_KM, 'S', "云南话" },
  { "云南省", "镇雄县", "镇雄", "530627", 27.441, 104.873, U_KM, 'S', "云南话" },
  { "云南省", "曲靖市", "曲靖", "530300", 25.490, 103.796, U_KM, 'S', "云南话" },
  { "云南省", "大理白族自治州", "大理", "532900", 25.606, 100.267, U_KM, 'S', "白语" },
  { "云南省", "红河哈尼族彝族自治州", "红河", "532500", 23.363, 103.375, U_KM, 'S', "云南话" },
  { "云南省", "文山壮族苗族自治州", "文山", "532600", 23.369, 104.244, U_KM, 'S', "云南话" },
  { "广西壮族自治区", "南宁市", "南宁", "450100", 22.817, 108.366, U_KM, 'B', "桂柳话" },
  { "广西壮族自治区", "玉林市", "玉林", "450900", 22.654, 110.181, U_KM, 'S', "粤语" },
  { "广西壮族自治区", "百色市", "百色", "451000", 23.903, 106.618, U_KM, 'S', "壮语" },
  { "河南省", "郑州市", "郑州", "410100", 34.746, 113.625, U_ZZ, 'B', "河南话" },
  { "河南省", "周口市", "周口", "411600", 33.625, 114.696, U_ZZ, 'S', "河南话" },
  { "河南省", "商丘市", "商丘", "411400", 34.414, 115.656, U_ZZ, 'S', "河南话" },
  { "河南省", "驻马店市", "驻马店", "411700", 32.980, 114.022, U_ZZ, 'S', "河南话" },
  { "河南省", "南阳市", "南阳", "411300", 32.991, 112.528, U_ZZ, 'S', "河南话" },
  { "河南省", "信阳市", "信阳", "411500", 32.147, 114.091, U_ZZ, 'S', "河南话" },
  { "河南省", "开封市", "开封", "410200", 34.797, 114.307, U_ZZ, 'B', "河南话" },
  { "山东省", "临沂市", "临沂", "371300", 35.104, 118.356, U_ZZ, 'D', "山东话" },
  { "山东省", "菏泽市", "菏泽", "371700", 35.234, 115.481, U_ZZ, 'D', "山东话" },
  { "山东省", "济南市", "济南", "370100", 36.651, 117.120, U_ZZ, 'D', "山东话" },
  { "安徽省", "阜阳市", "阜阳", "341200", 32.890, 115.814, U_ZZ, 'S', "安徽话" },
  { "安徽省", "合肥市", "合肥", "340100", 31.821, 117.227, U_ZZ, 'B', "安徽话" },
  { "江苏省", "徐州市", "徐州", "320300", 34.205, 117.285, U_ZZ, 'D', "徐州话" },
  { "湖北省", "武汉市", "武汉", "420100", 30.593, 114.305, U_ZZ, 'B', "武汉话" },
  { "北京市", "朝阳区", "北京", "110105", 39.921, 116.443, U_BJ, 'D', "普通话" },
  { "北京市", "海淀区", "北京", "110108", 39.959, 116.298, U_BJ, 'D', "普通话" },
  { "北京市", "丰台区", "北京", "110106", 39.858, 116.287, U_BJ, 'D', "普通话" },
  { "北京市", "大兴区", "北京", "110115", 39.727, 116.341, U_BJ, 'D', "普通话" },
  { "天津市", "和平区", "天津", "120101", 39.117, 117.195, U_BJ, 'D', "天津话" },
  { "河北省", "邯郸市", "邯郸", "130400", 36.625, 114.539, U_BJ, 'D', "河北话" },
  { "河北省", "石家庄市", "石家庄", "130100", 38.042, 114.514, U_BJ, 'D', "河北话" },
  { "河北省", "保定市", "保定", "130600", 38.874, 115.464, U_BJ, 'D', "河北话" },
  { "山西省", "太原市", "太原", "140100", 37.870, 112.549, U_BJ, 'B', "山西话" },
};

/* Where the child was taken, and where tips come from. */
static const char * const case_spots[] = {
  "家门口", "村口小卖部附近", "城中村出租屋附近", "农贸市场", "幼儿园门口", "小区楼下",
  "工业区宿舍楼下", "镇上集市", "火车站候车室", "汽车客运站", "人民公园", "县人民医院门口",
};

static const char * const sighting_spots[] = {
  "火车站广场", "火车站东广场", "长途汽车站", "地铁站出口", "步行街", "天桥下",
  "人民公园门口", "夜市", "商业街", "医院门口", "寺庙门口", "景区入口", "高速服务区",
  "城中村", "农贸市场", "立交桥下",
};

enum { CASE_OPEN, CASE_INVESTIGATING, CASE_LOCATED, CASE_REUNITED, CASE_CLOSED, CASE_COLD };

static const char * const case_status_names[] = {
  "open", "investigating", "located", "reunited", "closed", "cold",
};

enum {
  SIGHT_NEW, SIGHT_TRIAGED, SIGHT_VERIFYING, SIGHT_CONFIRMED, SIGHT_NO_MATCH, SIGHT_UNFOUNDED,
  SIGHT_DUPLICATE,
};

static const char * const sighting_status_names[] = {
  "new", "triaged", "verifying", "confirmed", "no_match", "unfounded", "duplicate",
};

static const char * const priority_names[] = { "urgent", "high", "normal", "low" };
static const gint64 triage_hours[] = { 4, 12, 24, 72 };   /* as homeward.triage_interval() */

enum { CH_HOTLINE, CH_MICROBLOG, CH_PATROL, CH_WALK_IN, CH_WEB_FORM, CH_PARTNER, CH_IMPORT, N_CHANNELS };

static const char * const channel_names[N_CHANNELS] = {
  "hotline", "microblog", "patrol", "walk_in", "web_form", "partner_agency", "import",
};
static const guint channel_weights[N_CHANNELS] = { 30, 35, 12, 8, 10, 4, 1 };
/* per mille of sightings of the channel that come with a photo */
static const guint channel_photo[N_CHANNELS] = { 30, 300, 200, 80, 200, 300, 400 };

enum {
  CX_BEGGING, CX_WITH_ADULTS, CX_ALONE, CX_INJURED, CX_DISABLED, CX_WORKING, CX_PERFORMING,
  CX_SELLING, CX_DRUGGED, CX_SCHOOL, CX_OTHER, N_CONTEXTS,
};

static const char * const context_names[N_CONTEXTS] = {
  "begging", "with_adults", "alone", "injured", "disabled", "working", "performing", "selling",
  "drugged", "school", "other",
};
/* per mille of sightings that show the context */
static const guint context_odds[N_CONTEXTS] = { 350, 450, 150, 40, 50, 60, 50, 100, 20, 60, 40 };
static const char * const context_phrases[N_CONTEXTS][2] = {
  { "在向路人乞讨", "跪在地上乞讨" },
  { "，由一名中年男子带着", "，身边有两名成年人看管" },
  { "，独自一人", "，身边没有大人" },
  { "，腿上有伤", "，脸上有淤青" },
  { "，腿脚残疾", "，一只手残疾" },
  { "在小饭馆帮工", "在工地干活" },
  { "在街头表演杂技", "在卖艺" },
  { "在卖花", "在兜售小商品" },
  { "，精神萎靡，像是被喂了药", "，一直昏睡不醒" },
  { "，背着书包", "，在学校门口徘徊" },
  { "", "" },
};

static const char * const colours[] = {
  "红色", "蓝色", "黑色", "白色", "灰色", "黄色", "绿色", "粉色", "紫色", "橙色", "咖啡色",
};
static const char * const garments[] = {
  "外套", "T恤", "毛衣", "校服", "棉袄", "裙子", "卫衣", "运动服", "衬衫",
};
static const char * const sighting_extras[] = {
  "说话带%s口音", "看起来很害怕", "不愿意说话", "很瘦", "已拍照", "请尽快核实", "看到警察就躲",
  "大人对孩子很凶", "孩子叫那个大人叔叔",
};

typedef struct
{
  const char *locus;
  const double alleles[10];   /* repeat numbers; 0 ends the list */
  const double weights[10];
} Locus;

/* The 19 autosomal STR loci of the Goldeneye 20A kit with a synthetic
 * frequency table (plausible, not a published population study). "Penta D"
 * is spelt PentaD: homeward.dna_str_allele.locus allows no spaces. */
static const Locus loci[] = {
  { "D19S433", { 12, 13, 13.2, 14, 14.2, 15, 15.2, 16, 16.2 }, { 5, 25, 5, 25, 8, 12, 10, 5, 5 } },
  { "D5S818", { 9, 10, 11, 12, 13, 14 }, { 8, 20, 30, 22, 15, 5 } },
  { "D21S11", { 28, 29, 30, 31, 31.2, 32, 32.2, 33.2 }, { 5, 25, 28, 10, 8, 6, 10, 8 } },
  { "D18S51", { 12, 13, 14, 15, 16, 17, 18, 19, 20 }, { 5, 18, 20, 15, 12, 10, 8, 6, 6 } },
  { "D6S1043", { 11, 12, 13, 14, 17, 18, 19, 20, 21 }, { 10, 12, 15, 10, 8, 15, 15, 10, 5 } },
  { "D3S1358", { 14, 15, 16, 17, 18 }, { 5, 35, 32, 18, 10 } },
  { "D13S317", { 8, 9, 10, 11, 12, 13 }, { 28, 14, 15, 23, 15, 5 } },
  { "D7S820", { 8, 10, 11, 12, 13 }, { 12, 18, 35, 25, 10 } },
  { "D16S539", { 9, 10, 11, 12, 13 }, { 28, 14, 25, 22, 11 } },
  { "CSF1PO", { 9, 10, 11, 12, 13 }, { 6, 22, 24, 38, 10 } },
  { "PentaD", { 8, 9, 10, 11, 12, 13, 14 }, { 5, 28, 12, 16, 15, 14, 10 } },
  { "vWA", { 14, 15, 16, 17, 18, 19 }, { 25, 5, 17, 23, 20, 10 } },
  { "D8S1179", { 10, 11, 12, 13, 14, 15, 16 }, { 12, 10, 12, 20, 20, 16, 10 } },
  { "TPOX", { 8, 9, 10, 11, 12 }, { 52, 12, 3, 30, 3 } },
  { "PentaE", { 11, 12, 14, 15, 16, 17, 18, 19, 20 }, { 15, 10, 8, 12, 10, 10, 10, 10, 15 } },
  { "TH01", { 6, 7, 8, 9, 9.3, 10 }, { 10, 25, 5, 50, 2, 8 } },
  { "D12S391", { 17, 18, 19, 20, 21, 22 }, { 10, 25, 22, 18, 12, 13 } },
  { "D2S1338", { 17, 18, 19, 20, 22, 23, 24, 25 }, { 10, 10, 15, 12, 10, 18, 15, 10 } },
  { "FGA", { 19, 20, 21, 22, 23, 24, 25, 26 }, { 5, 5, 12, 20, 22, 18, 10, 8 } },
};

#define N_LOCI G_N_ELEMENTS (loci)
#define DNA_KIT "Goldeneye 20A"
#define DNA_POPULATION "汉族（演示用合成数据）"

/* ---------------------------------------------------------------------------
 * Generator state
 * ------------------------------------------------------------------------- */

enum { ROLE_OFFICER, ROLE_SUPERVISOR, ROLE_ADMIN };

static const char * const role_names[] = { "officer", "supervisor", "admin" };

typedef struct
{
  char       *login;
  char       *name;
  const char *rank;
  int         unit;     /* -1 for the administrator */
  int         role;
  gint64      id;
} Officer;

/* A piecewise constant density over time, for drawing sorted timestamps. */
typedef struct
{
  guint   n;
  gint64  start[40];
  gint64  end[40];
  double  cum[41];      /* cumulative mass at each segment start, normalised */
} TimeDist;

typedef struct
{
  guint32 primary;
  guint32 last;
  guint16 size;
  gint32  photo;        /* pool index << 2 | variant of the primary */
} Group;

enum { CONF_POSSIBLE, CONF_PROBABLE, CONF_CONFIRMED };
static const char * const confidence_names[] = { "possible", "probable", "confirmed" };

typedef struct
{
  guint32  j;
  guint32  k;
  guint8   confidence;
  gboolean withdrawn;
  gboolean designated;
  guint    officer;
  gint64   linked_at;
} Link;

typedef struct
{
  gint32   k;           /* matched case, -1 when unknown */
  gint32   j;           /* the sighting that led there, -1 if none */
  gint64   found_at;
  guint    place;
  double   lat;
  double   lon;
  guint    unit;
  gboolean male;
  guint8   age_min;
  guint8   age_max;
  gint64   birth_day;
  gint32   photo;
} FoundChild;

enum { SAMPLE_FATHER, SAMPLE_MOTHER, SAMPLE_CHILD };

typedef struct
{
  gint32   k;           /* case of the family, or of the matched child; -1 */
  gint32   fc;          /* found child index for SAMPLE_CHILD */
  gint32   family;      /* family member index (fam_first[k] + i) for parents */
  guint8   kind;
  gboolean analysed;
  guint    officer;
  gint64   collected_at;
  gint64   analysed_at;
} Sample;

typedef struct
{
  HwDemoImage *variant[PHOTO_VARIANTS];
  guint8       needed;  /* bit v: variant v is used */
  gboolean     done;
} PoolEntry;

typedef struct
{
  PGconn        *conn;
  GCancellable  *cancellable;
  HwDemoProgress progress;
  gpointer       progress_data;

  guint64        seed;
  guint          n_cases;
  guint          n_sightings;
  gint64         reference;     /* the demo world's "now" */

  /* units and officers */
  gint64         unit_id[N_UNITS];
  GPtrArray     *officers;      /* Officer */
  GArray        *unit_officers[N_UNITS];     /* guint, officers with role officer */
  GArray        *unit_supervisors[N_UNITS];  /* guint */

  /* weights */
  guint          unit_weights[N_UNITS];
  guint          surname_cum[G_N_ELEMENTS (surnames) + 1];
  guint          given_m[G_N_ELEMENTS (given_chars)];
  guint          n_given_m;
  guint          given_f[G_N_ELEMENTS (given_chars)];
  guint          n_given_f;
  guint          places_of_unit[N_UNITS][G_N_ELEMENTS (places)];
  guint          n_places_of_unit[N_UNITS];
  guint          destinations[G_N_ELEMENTS (places)];
  guint          n_destinations;
  guint          sources[G_N_ELEMENTS (places)];
  guint          n_sources;
  TimeDist       case_dist;
  TimeDist       sight_dist;

  /* ids: first id reserved in each table */
  gint64         person_base;
  gint64         case_base;
  gint64         family_base;
  gint64         group_base;
  gint64         sighting_base;
  gint64         found_base;
  gint64         link_base;
  gint64         step_base;
  gint64         sample_base;
  guint64        n_steps;

  /* plan: per case */
  gint64        *case_time;        /* abducted_at, exact, sorted */
  gint32        *case_found_sighting;
  gint64        *case_found_time;
  gint32        *case_birth;       /* birth day */
  guint8        *case_needs_found; /* planned to be found (located, reunited, closed after reunion) */
  guint8        *case_status;
  gint32        *case_photo;
  gint32        *case_found_child;
  guint32       *fam_first;        /* n_cases + 1 prefix sums */

  /* plan: per sighting */
  gint32        *truth;            /* case index or -1 */
  gint32        *group_of;
  gint32        *photo_of;         /* pool index << 2 | variant, or -1 */
  gint32        *link_of;

  GArray        *groups;           /* Group */
  GArray        *links;            /* Link */
  GArray        *found;            /* FoundChild */
  GArray        *samples;          /* Sample */

  /* photos */
  PoolEntry     *pool;
  guint          pool_size;
  guint          pool_logical;     /* logical base pictures handed out */
  GThread       *workers[4];
  guint          n_workers;
  gint           next_image;       /* atomic */
  gint           stop;             /* atomic */
  GMutex         pool_mutex;
  GCond          pool_cond;
  GError        *pool_error;

  /* COPY */
  GString       *buf;
  gboolean       row_start;
  GString       *tmp;
  GString       *tmp2;
  HwSearchTokens *search;       /* the row's search column, field by field */
  GString       *search_text;

  /* progress */
  const char    *stage;
  gint64         stage_started;
  double         work_done;
  double         work_total;
  double         row_weight;
  gint64         last_report;
} Gen;

/* ---------------------------------------------------------------------------
 * Random numbers: splitmix64, one stream per (seed, kind, index)
 * ------------------------------------------------------------------------- */

static inline guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline Rng
rng_for (guint64 seed,
         guint   stream,
         guint64 index)
{
  Rng rng = { mix64 (seed ^ mix64 (((guint64) stream << 40) ^ index ^ G_GUINT64_CONSTANT (0x9e3779b97f4a7c15))) };

  return rng;
}

static inline guint64
rng_next (Rng *rng)
{
  return mix64 (rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
}

static inline double
rng_double (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* uniform in [0, n) */
static inline guint
rng_below (Rng   *rng,
           guint  n)
{
  return n == 0 ? 0 : (guint) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* uniform in [lo, hi] */
static inline gint64
rng_range (Rng    *rng,
           gint64  lo,
           gint64  hi)
{
  if (hi <= lo)
    return lo;

  return lo + (gint64) (rng_next (rng) % (guint64) (hi - lo + 1));
}

static inline gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return rng_double (rng) < p;
}

static guint
rng_weighted (Rng         *rng,
              const guint *weights,
              guint        n)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    total += weights[i];

  r = rng_below (rng, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }

  return n - 1;
}

/* index into a cumulative table cum[0..n] (cum[0] = 0) */
static guint
rng_cumulative (Rng         *rng,
                const guint *cum,
                guint        n)
{
  guint r = rng_below (rng, cum[n]);
  guint lo = 0, hi = n;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (cum[mid] <= r)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

/* ---------------------------------------------------------------------------
 * Dates (proleptic Gregorian; times are seconds since the epoch, shown in
 * China Standard Time)
 * ------------------------------------------------------------------------- */

static gint64
days_from_civil (int   y,
                 guint m,
                 guint d)
{
  gint64 era;
  guint yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (guint) (y - era * 400);
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + (gint64) doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *year,
                 guint  *month,
                 guint  *day)
{
  gint64 era;
  guint doe, yoe, doy, mp;
  gint64 y;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (guint) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = (gint64) yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = (int) (y + (*month <= 2));
}

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* local midnight (CST) of the civil day */
static gint64
time_from_civil (int   y,
                 guint m,
                 guint d)
{
  return days_from_civil (y, m, d) * SECONDS_PER_DAY - CST_OFFSET;
}

static gint64
local_day (gint64 t)
{
  return floor_div (t + CST_OFFSET, SECONDS_PER_DAY);
}

enum { PRECISION_DAY, PRECISION_MONTH, PRECISION_YEAR };
static const char * const precision_names[] = { "day", "month", "year" };

/* the start of the local day, month or year containing t */
static gint64
truncate_time (gint64 t,
               guint  precision)
{
  int y;
  guint m, d;

  civil_from_days (local_day (t), &y, &m, &d);
  if (precision == PRECISION_YEAR)
    return time_from_civil (y, 1, 1);
  if (precision == PRECISION_MONTH)
    return time_from_civil (y, m, 1);

  return time_from_civil (y, m, d);
}

static gint64
truncate_day (gint64 day,
              guint  precision)
{
  int y;
  guint m, d;

  civil_from_days (day, &y, &m, &d);
  if (precision == PRECISION_YEAR)
    return days_from_civil (y, 1, 1);
  if (precision == PRECISION_MONTH)
    return days_from_civil (y, m, 1);

  return day;
}

/* whole years from birth_day to the local day of t */
static int
age_at (gint64 birth_day,
        gint64 t)
{
  int by, y;
  guint bm, bd, m, d;
  int age;

  civil_from_days (birth_day, &by, &bm, &bd);
  civil_from_days (local_day (t), &y, &m, &d);
  age = y - by;
  if (m < bm || (m == bm && d < bd))
    age--;

  return MAX (age, 0);
}

static int
year_of (gint64 t)
{
  int y;
  guint m, d;

  civil_from_days (local_day (t), &y, &m, &d);
  return y;
}

static void
time_dist_add (TimeDist *dist,
               gint64    start,
               gint64    end,
               double    weight_per_year)
{
  g_assert (dist->n < G_N_ELEMENTS (dist->start));

  if (end <= start)
    return;

  dist->start[dist->n] = start;
  dist->end[dist->n] = end;
  dist->cum[dist->n + 1] = dist->cum[dist->n] + weight_per_year * (double) (end - start) / (365.25 * SECONDS_PER_DAY);
  dist->n++;
}

static gint64
time_dist_sample (const TimeDist *dist,
                  double          u)
{
  double total = dist->cum[dist->n];
  double x = CLAMP (u, 0.0, 1.0) * total;
  guint lo = 0, hi = dist->n;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (dist->cum[mid] <= x)
        lo = mid;
      else
        hi = mid;
    }

  return dist->start[lo] + (gint64) ((x - dist->cum[lo]) / (dist->cum[lo + 1] - dist->cum[lo]) *
                                     (double) (dist->end[lo] - dist->start[lo]));
}

/* ---------------------------------------------------------------------------
 * Errors, progress and the connection
 * ------------------------------------------------------------------------- */

static gboolean
set_error_from_conn (Gen         *g,
                     const char  *what,
                     GError     **error)
{
  g_autofree char *message = g_strstrip (hw_db_redact_message (PQerrorMessage (g->conn), NULL));

  if (g_cancellable_is_cancelled (g->cancellable))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Loading demo data was cancelled"));
  else
    g_set_error (error, HW_DB_ERROR, HW_DB_ERROR_QUERY, _("Could not load demo data (%s): %s"), what, message);

  return FALSE;
}

static gboolean
check_result (Gen         *g,
              PGresult    *result,
              const char  *what,
              GError     **error)
{
  ExecStatusType status = PQresultStatus (result);
  g_autofree char *message = NULL;
  const char *sqlstate;

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return TRUE;

  if (g_cancellable_is_cancelled (g->cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Loading demo data was cancelled"));
      return FALSE;
    }

  sqlstate = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  if (PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) != NULL)
    message = g_strdup (PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY));
  else
    message = g_strstrip (g_strdup (PQresultErrorMessage (result)));
  g_set_error (error, HW_DB_ERROR,
               sqlstate != NULL && g_str_equal (sqlstate, "42501") ? HW_DB_ERROR_PERMISSION :
               sqlstate != NULL && g_str_has_prefix (sqlstate, "23") ? HW_DB_ERROR_RULE :
               sqlstate != NULL && g_str_equal (sqlstate, "53100") ? HW_DB_ERROR_DISK_FULL :
               HW_DB_ERROR_QUERY,
               _("Could not load demo data (%s): %s"), what, message);
  return FALSE;
}

static gboolean
exec (Gen         *g,
      const char  *sql,
      GError     **error)
{
  g_autoptr(PGresult) result = PQexec (g->conn, sql);

  return check_result (g, result, sql, error);
}

static PGresult *
exec_params (Gen                *g,
             const char         *sql,
             int                 n_params,
             const char * const *params,
             GError            **error)
{
  PGresult *result = PQexecParams (g->conn, sql, n_params, NULL, params, NULL, NULL, 0);

  if (!check_result (g, result, sql, error))
    {
      PQclear (result);
      return NULL;
    }

  return result;
}

static void
report (Gen      *g,
        gboolean  force)
{
  gint64 now;

  if (g->progress == NULL)
    return;

  now = g_get_monotonic_time ();
  if (!force && now - g->last_report < G_USEC_PER_SEC / 10)
    return;

  g->last_report = now;
  g->progress (g->stage, MIN (1.0, g->work_done / MAX (1.0, g->work_total)), g->progress_data);
}

/* How long the stage took, for G_MESSAGES_DEBUG=hw-demo-data (benchmarks). */
static void
end_stage (Gen *g)
{
  gint64 now = g_get_monotonic_time ();

  if (g->stage != NULL)
    g_debug ("%s: %.1f s", g->stage, (now - g->stage_started) / (double) G_USEC_PER_SEC);
  g->stage = NULL;
  g->stage_started = now;
}

static void
set_stage (Gen        *g,
           const char *stage,
           double      row_weight)
{
  end_stage (g);
  g->stage = stage;
  g->row_weight = row_weight;
  report (g, TRUE);
}

/* ---------------------------------------------------------------------------
 * COPY in text format
 * ------------------------------------------------------------------------- */

static gboolean
copy_begin (Gen         *g,
            const char  *sql,
            GError     **error)
{
  g_autoptr(PGresult) result = PQexec (g->conn, sql);

  if (PQresultStatus (result) != PGRES_COPY_IN)
    {
      /* "COPY homeward.table" is enough to say where */
      g_autofree char *what = g_strndup (sql, strcspn (sql, "("));

      return check_result (g, result, g_strstrip (what), error);
    }

  g_string_truncate (g->buf, 0);
  g->row_start = TRUE;

  return TRUE;
}

static gboolean
copy_flush (Gen     *g,
            GError **error)
{
  if (g->buf->len == 0)
    return TRUE;

  if (g_cancellable_set_error_if_cancelled (g->cancellable, error))
    return FALSE;

  if (PQputCopyData (g->conn, g->buf->str, (int) g->buf->len) != 1)
    return set_error_from_conn (g, "COPY", error);

  g_string_truncate (g->buf, 0);
  report (g, FALSE);

  return TRUE;
}

static gboolean
copy_end (Gen         *g,
          GError     **error)
{
  PGresult *result;
  gboolean ok = TRUE;

  if (!copy_flush (g, error))
    return FALSE;

  if (PQputCopyEnd (g->conn, NULL) != 1)
    return set_error_from_conn (g, "COPY", error);

  while ((result = PQgetResult (g->conn)) != NULL)
    {
      if (ok)
        ok = check_result (g, result, "COPY", error);
      PQclear (result);
    }

  return ok;
}

static inline void
col (Gen *g)
{
  if (!g->row_start)
    g_string_append_c (g->buf, '\t');
  g->row_start = FALSE;
}

static inline gboolean
row_end (Gen     *g,
         GError **error)
{
  g_string_append_c (g->buf, '\n');
  g->row_start = TRUE;
  g->work_done += g->row_weight;

  if (g->buf->len >= COPY_BUFFER_SIZE)
    return copy_flush (g, error);

  return TRUE;
}

static void
f_null (Gen *g)
{
  col (g);
  g_string_append_len (g->buf, "\\N", 2);
}

/* text, escaped for COPY: backslash, tab, newline and carriage return */
static void
f_text (Gen        *g,
        const char *text)
{
  const char *run;
  const char *p;

  if (text == NULL)
    {
      f_null (g);
      return;
    }

  col (g);
  for (run = p = text; *p != '\0'; p++)
    {
      const char *escape;

      switch (*p)
        {
        case '\\': escape = "\\\\"; break;
        case '\t': escape = "\\t"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        default: continue;
        }

      g_string_append_len (g->buf, run, p - run);
      g_string_append (g->buf, escape);
      run = p + 1;
    }
  g_string_append_len (g->buf, run, p - run);
}

static void
append_int (GString *s,
            gint64   value)
{
  char digits[24];
  int n = 0;
  guint64 v;

  if (value < 0)
    {
      g_string_append_c (s, '-');
      v = (guint64) (-(value + 1)) + 1;
    }
  else
    v = (guint64) value;

  do
    {
      digits[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v != 0);

  while (n > 0)
    g_string_append_c (s, digits[--n]);
}

static void
append_padded (GString *s,
               gint64   value,
               int      width)
{
  char digits[24];
  int n = 0;

  g_assert (value >= 0);
  do
    {
      digits[n++] = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0 || n < width);

  while (n > 0)
    g_string_append_c (s, digits[--n]);
}

static void
f_int (Gen    *g,
       gint64  value)
{
  col (g);
  append_int (g->buf, value);
}

/* an id, or NULL for 0 */
static void
f_id (Gen    *g,
      gint64  id)
{
  if (id <= 0)
    f_null (g);
  else
    f_int (g, id);
}

static void
f_bool (Gen      *g,
        gboolean  value)
{
  col (g);
  g_string_append_c (g->buf, value ? 't' : 'f');
}

static void
append_date (GString *s,
             gint64   day)
{
  int y;
  guint m, d;

  civil_from_days (day, &y, &m, &d);
  append_padded (s, y, 4);
  g_string_append_c (s, '-');
  append_padded (s, m, 2);
  g_string_append_c (s, '-');
  append_padded (s, d, 2);
}

static void
f_date (Gen    *g,
        gint64  day)
{
  col (g);
  append_date (g->buf, day);
}

/* a timestamptz in China Standard Time, or NULL for NO_TIME */
static void
f_time (Gen    *g,
        gint64  t)
{
  gint64 local, seconds;

  if (t == NO_TIME)
    {
      f_null (g);
      return;
    }

  col (g);
  local = t + CST_OFFSET;
  seconds = local - floor_div (local, SECONDS_PER_DAY) * SECONDS_PER_DAY;
  append_date (g->buf, floor_div (local, SECONDS_PER_DAY));
  g_string_append_c (g->buf, ' ');
  append_padded (g->buf, seconds / 3600, 2);
  g_string_append_c (g->buf, ':');
  append_padded (g->buf, seconds / 60 % 60, 2);
  g_string_append_c (g->buf, ':');
  append_padded (g->buf, seconds % 60, 2);
  g_string_append (g->buf, "+08");
}

static void
f_double (Gen        *g,
          const char *format,
          double      value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  col (g);
  g_string_append (g->buf, g_ascii_formatd (text, sizeof text, format, value));
}

/* a repeat number in tenths, as numeric(4,1) */
static void
f_allele (Gen   *g,
          guint  tenths)
{
  col (g);
  append_int (g->buf, tenths / 10);
  if (tenths % 10 != 0)
    {
      g_string_append_c (g->buf, '.');
      g_string_append_c (g->buf, (char) ('0' + tenths % 10));
    }
}

/* bytea in hex format; the backslash of \x is escaped for COPY */
static void
f_bytea (Gen          *g,
         const guint8 *data,
         gsize         len)
{
  static const char hex[] = "0123456789abcdef";
  gsize start;
  char *out;

  col (g);
  g_string_append_len (g->buf, "\\\\x", 3);
  start = g->buf->len;
  g_string_set_size (g->buf, start + 2 * len);
  out = g->buf->str + start;
  for (gsize i = 0; i < len; i++)
    {
      *out++ = hex[data[i] >> 4];
      *out++ = hex[data[i] & 15];
    }
}

static void
f_bytes (Gen    *g,
         GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  f_bytea (g, data, len);
}

/* a text[] literal of simple elements (no quotes, backslashes or commas) */
static void
f_array (Gen                *g,
         const char * const *items,
         guint               n)
{
  col (g);
  g_string_append_c (g->buf, '{');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (g->buf, ',');
      g_string_append_c (g->buf, '"');
      g_string_append (g->buf, items[i]);
      g_string_append_c (g->buf, '"');
    }
  g_string_append_c (g->buf, '}');
}

/* One field of the row's search column (see data/sql/0004). */
static inline void
search_add (Gen        *g,
            const char *text)
{
  hw_search_tokens_add (g->search, text, -1);
}

/* The row's search column: the lexemes of the fields added since the last
 * one, as a tsvector literal, escaped for COPY like any text. */
static void
f_search (Gen *g)
{
  g_string_truncate (g->search_text, 0);
  hw_search_tokens_append_tsvector (g->search, g->search_text);
  hw_search_tokens_reset (g->search);
  f_text (g, g->search_text->str);
}

/* ---------------------------------------------------------------------------
 * Names and places
 * ------------------------------------------------------------------------- */

typedef struct
{
  guint16 surname;
  guint16 given[2];
  guint8  n_given;
} Name;

static void
draw_name (Gen      *g,
           Rng      *rng,
           gboolean  male,
           int       surname,
           Name     *name)
{
  const guint *pool = male ? g->given_m : g->given_f;
  guint n_pool = male ? g->n_given_m : g->n_given_f;

  name->surname = (guint16) (surname >= 0 ? (guint) surname
                                          : rng_cumulative (rng, g->surname_cum, G_N_ELEMENTS (surnames)));
  /* two-character given names are the norm; compound surnames take one */
  name->n_given = (surnames[name->surname].zh[3] == '\0' && rng_chance (rng, 0.78)) ? 2 : 1;
  name->given[0] = (guint16) pool[rng_below (rng, n_pool)];
  do
    name->given[1] = (guint16) pool[rng_below (rng, n_pool)];
  while (name->given[1] == name->given[0]);
}

static void
append_given (GString    *s,
              const Name *name)
{
  for (guint i = 0; i < name->n_given; i++)
    g_string_append (s, given_chars[name->given[i]].zh);
}

/* Pinyin of the given name, syllables written together, with the
 * apostrophe before a syllable that starts with a, o or e (Xi'an). */
static void
append_given_latin (GString    *s,
                    const Name *name)
{
  for (guint i = 0; i < name->n_given; i++)
    {
      const char *syllable = given_chars[name->given[i]].latin;

      if (i == 0)
        {
          g_string_append_c (s, g_ascii_toupper (syllable[0]));
          g_string_append (s, syllable + 1);
        }
      else
        {
          if (strchr ("aoe", syllable[0]) != NULL)
            g_string_append_c (s, '\'');
          g_string_append (s, syllable);
        }
    }
}

static void
append_full_name (GString    *s,
                  const Name *name)
{
  g_string_append (s, surnames[name->surname].zh);
  append_given (s, name);
}

static void
jitter (Rng         *rng,
        const Place *place,
        double       radius,
        double      *lat,
        double      *lon)
{
  *lat = place->lat + (rng_double (rng) * 2 - 1) * radius;
  *lon = place->lon + (rng_double (rng) * 2 - 1) * radius;
}

static void
append_place_text (GString     *s,
                   const Place *place,
                   const char  *spot)
{
  g_string_append (s, place->province);
  if (!g_str_equal (place->province, place->city))
    g_string_append (s, place->city);
  if (spot != NULL)
    {
      g_string_append_c (s, ' ');
      g_string_append (s, spot);
    }
}

static guint
pick_officer (Gen  *g,
              Rng  *rng,
              guint unit)
{
  GArray *pool = g->unit_officers[unit];

  return g_array_index (pool, guint, rng_below (rng, pool->len));
}

static guint
pick_supervisor (Gen  *g,
                 Rng  *rng,
                 guint unit)
{
  GArray *pool = g->unit_supervisors[unit];

  return g_array_index (pool, guint, rng_below (rng, pool->len));
}

static inline const Officer *
officer_at (Gen   *g,
            guint  index)
{
  return g_ptr_array_index (g->officers, index);
}

static void
append_phone (GString *s,
              Rng     *rng)
{
  static const char * const prefixes[] = {
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "166", "176", "177", "180", "181", "182", "183",
    "185", "186", "187", "188", "189", "199",
  };

  g_string_append (s, prefixes[rng_below (rng, G_N_ELEMENTS (prefixes))]);
  append_padded (s, rng_below (rng, 100000000), 8);
}

/* ---------------------------------------------------------------------------
 * The plan of a case: everything about case k, drawn from its own stream
 * ------------------------------------------------------------------------- */

enum { REL_MOTHER, REL_FATHER, REL_GRANDPARENT, REL_SIBLING, REL_GUARDIAN };
static const char * const relationship_names[] = { "mother", "father", "grandparent", "sibling", "guardian" };
static const char * const relationship_zh[] = { "母亲", "父亲", "祖父母", "兄弟姐妹", "监护人" };

#define MAX_FAMILY 4

typedef struct
{
  guint    k;
  gint64   id;
  guint    unit;
  guint    place;
  guint    native_place;
  double   lat;
  double   lon;
  guint8   spot;
  gint64   abducted_exact;
  gint64   abducted_at;       /* truncated to the precision */
  guint8   abducted_precision;
  gint64   reported_at;
  gint64   birth_day;
  guint8   birth_precision;
  guint8   age;               /* at abduction */
  gboolean male;
  Name     name;
  guint8   n_marks;
  guint8   mark[2];
  guint8   nick_style;
  guint8   intent;
  gboolean closed_after_reunion;
  guint8   status;
  guint8   priority;
  guint    officer;           /* G_MAXUINT: unassigned */
  guint8   circ[6];
  guint8   n_family;
  guint8   rel[MAX_FAMILY];
  gboolean dna_given[MAX_FAMILY];
  gboolean has_photo;
  guint8   reason;
  gint64   status_changed_at;
  gint64   found_at;          /* NO_TIME unless the child was found */
  gint64   reunion_at;        /* NO_TIME unless a reunion happened */
  gint64   signed_at;
  gint64   closed_at;
  gboolean dna_done;          /* the comparison came back */
  gboolean proposal_only;     /* located: a reunion proposed, not signed off */
  gint64   dna_reported_at;
} CasePlan;

static const guint age_weights[] = { 6, 12, 15, 16, 14, 11, 8, 5, 4, 3, 2, 2, 2 };

static const char * const cold_reasons[] = {
  "线索中断，转入长期侦查", "多年未获有效线索，按规定转为积案", "主要嫌疑人在逃，暂无新线索",
};
static const char * const closed_reasons[] = {
  "孩子已与家人团聚，案件办结", "团聚后回访无异常，报请结案",
};
static const char * const closed_other_reasons[] = {
  "经查系家庭内部纠纷，孩子由亲属带走，非拐卖案件", "报案人撤回报案，经核实孩子已自行返回",
};

static void
plan_case (Gen      *g,
           guint     k,
           CasePlan *cp)
{
  Rng rng = rng_for (g->seed, S_CASE, k);
  double r_status, r_split, r_found, r_reunion, r_signed, r_closed, r_dna, r_proposal, r_changed;
  gint64 age_days;
  guint unit;
  gint32 designated;

  memset (cp, 0, sizeof *cp);
  cp->k = k;
  cp->id = g->case_base + k;
  cp->abducted_exact = g->case_time[k];
  cp->found_at = cp->reunion_at = cp->signed_at = cp->closed_at = cp->dna_reported_at = NO_TIME;

  /* Every pass calls this again and must get the same case. Only what
   * happens to the case depends on the plan (the sighting that found the
   * child), so all the draws come first and no draw depends on the plan. */
  cp->unit = unit = rng_weighted (&rng, g->unit_weights, N_UNITS);
  cp->place = g->places_of_unit[unit][rng_below (&rng, g->n_places_of_unit[unit])];
  jitter (&rng, &places[cp->place], 0.08, &cp->lat, &cp->lon);
  cp->spot = (guint8) rng_below (&rng, G_N_ELEMENTS (case_spots));
  /* migrant families: a child taken in a city of the coast or the capital
   * often comes from a family of the inland provinces */
  cp->native_place = g->sources[rng_below (&rng, g->n_sources)];
  if (places[cp->place].kind != 'D' || rng_chance (&rng, 0.4))
    cp->native_place = cp->place;

  cp->abducted_precision = rng_chance (&rng, 0.82) ? PRECISION_DAY : rng_chance (&rng, 0.75) ? PRECISION_MONTH : PRECISION_YEAR;
  cp->abducted_at = cp->abducted_precision == PRECISION_DAY ? cp->abducted_exact
                                                             : truncate_time (cp->abducted_exact, cp->abducted_precision);
  cp->reported_at = cp->abducted_exact + rng_range (&rng, 3600, 72 * 3600);
  cp->reported_at = MIN (cp->reported_at, g->reference);
  cp->age = (guint8) rng_weighted (&rng, age_weights, G_N_ELEMENTS (age_weights));
  cp->birth_day = local_day (cp->abducted_exact) - cp->age * 365 - (gint64) rng_below (&rng, 365) - 1;
  cp->birth_precision = rng_chance (&rng, 0.88) ? PRECISION_DAY : rng_chance (&rng, 0.6) ? PRECISION_MONTH : PRECISION_YEAR;
  cp->male = rng_chance (&rng, 0.64);
  draw_name (g, &rng, cp->male, -1, &cp->name);
  cp->nick_style = (guint8) rng_weighted (&rng, (const guint[]) { 15, 35, 20, 15, 15 }, 5);
  cp->n_marks = (guint8) rng_weighted (&rng, (const guint[]) { 25, 55, 20 }, 3);
  cp->mark[0] = (guint8) rng_below (&rng, G_N_ELEMENTS (marks));
  do
    cp->mark[1] = (guint8) rng_below (&rng, G_N_ELEMENTS (marks));
  while (cp->mark[1] == cp->mark[0]);
  for (guint i = 0; i < G_N_ELEMENTS (cp->circ); i++)
    cp->circ[i] = (guint8) rng_below (&rng, 64);

  /* family: mother and father mostly, sometimes a grandparent or a sibling */
  if (rng_chance (&rng, 0.93))
    cp->rel[cp->n_family++] = REL_MOTHER;
  if (rng_chance (&rng, 0.85))
    cp->rel[cp->n_family++] = REL_FATHER;
  if (rng_chance (&rng, 0.22))
    cp->rel[cp->n_family++] = REL_GRANDPARENT;
  if (rng_chance (&rng, 0.15) && cp->n_family < MAX_FAMILY)
    cp->rel[cp->n_family++] = REL_SIBLING;
  if (cp->n_family == 0)
    cp->rel[cp->n_family++] = REL_GUARDIAN;
  for (guint i = 0; i < MAX_FAMILY; i++)
    cp->dna_given[i] = rng_chance (&rng, 0.6);

  cp->has_photo = rng_chance (&rng, 0.5);
  cp->reason = (guint8) rng_below (&rng, 6);
  r_status = rng_double (&rng);
  r_split = rng_double (&rng);
  r_found = rng_double (&rng);
  r_reunion = rng_double (&rng);
  r_signed = rng_double (&rng);
  r_closed = rng_double (&rng);
  r_dna = rng_double (&rng);
  r_proposal = rng_double (&rng);
  r_changed = rng_double (&rng);
  cp->priority = (guint8) rng_weighted (&rng, (const guint[]) { 3, 20, 62, 15 }, 4);
  cp->officer = pick_officer (g, &rng, unit);
  if (rng_chance (&rng, 0.06))
    cp->officer = G_MAXUINT;

  /* what happens to the case */
  age_days = (g->reference - cp->abducted_exact) / SECONDS_PER_DAY;
  if (age_days >= 60 && r_status < 0.13)
    {
      if (r_split < 0.46)
        cp->intent = CASE_REUNITED;
      else if (r_split < 0.70)
        cp->intent = CASE_LOCATED;
      else
        {
          cp->intent = CASE_CLOSED;
          cp->closed_after_reunion = r_split < 0.90;
        }
    }
  else
    {
      double r = r_status < 0.13 ? r_split : (r_status - 0.13) / 0.87;

      if (age_days < 180)
        cp->intent = r < 0.7 ? CASE_OPEN : CASE_INVESTIGATING;
      else if (age_days < 3 * 365)
        cp->intent = r < 0.2 ? CASE_OPEN : r < 0.9 ? CASE_INVESTIGATING : CASE_COLD;
      else
        cp->intent = r < 0.05 ? CASE_OPEN : r < 0.62 ? CASE_INVESTIGATING : CASE_COLD;
    }

  if (age_days < 90)
    cp->priority = cp->priority <= 1 ? 0 : 1;
  else if (cp->intent == CASE_COLD && cp->priority < 3 && r_changed < 0.5)
    cp->priority = 3;

  cp->status = cp->intent;
  designated = g->case_found_sighting != NULL ? g->case_found_sighting[k] : -1;

  if (cp->intent == CASE_LOCATED || cp->intent == CASE_REUNITED ||
      (cp->intent == CASE_CLOSED && cp->closed_after_reunion))
    {
      /* the child is found a little after the sighting that led there */
      if (designated >= 0)
        {
          Rng trng = rng_for (g->seed, S_SIGHT_TIME, (guint) designated);
          gint64 received = time_dist_sample (&g->sight_dist, (designated + rng_double (&trng)) / g->n_sightings);

          cp->found_at = received + (gint64) (r_found * 10 * SECONDS_PER_DAY) + 6 * 3600;
        }
      else
        cp->found_at = cp->reported_at + 30 * SECONDS_PER_DAY +
                       (gint64) (r_found * (double) MAX (0, g->reference - cp->reported_at - 30 * SECONDS_PER_DAY));
      cp->found_at = CLAMP (cp->found_at, cp->reported_at + 3600, g->reference - 3600);
      cp->dna_reported_at = cp->found_at + (5 + (gint64) (r_dna * 25)) * SECONDS_PER_DAY;

      if (cp->intent != CASE_LOCATED)
        {
          cp->reunion_at = cp->dna_reported_at + (3 + (gint64) (r_reunion * 40)) * SECONDS_PER_DAY;
          cp->signed_at = cp->reunion_at + (gint64) (r_signed * 3 * SECONDS_PER_DAY) + 3600;
          if (cp->signed_at > g->reference)
            {
              /* too recent for a reunion: still located */
              cp->status = CASE_LOCATED;
              cp->reunion_at = cp->signed_at = NO_TIME;
            }
          else if (cp->intent == CASE_CLOSED)
            {
              cp->closed_at = cp->signed_at + (7 + (gint64) (r_closed * 170)) * SECONDS_PER_DAY;
              cp->status = cp->closed_at > g->reference ? CASE_REUNITED : CASE_CLOSED;
              if (cp->status != CASE_CLOSED)
                cp->closed_at = NO_TIME;
            }
          else
            cp->status = CASE_REUNITED;
        }

      if (cp->status == CASE_LOCATED)
        {
          cp->dna_done = r_dna < 0.5 && cp->dna_reported_at < g->reference;
          cp->proposal_only = cp->dna_done && r_proposal < 0.4;
          if (cp->proposal_only)
            cp->reunion_at = MIN (cp->dna_reported_at + 2 * SECONDS_PER_DAY, g->reference);
          cp->status_changed_at = MIN (cp->found_at + SECONDS_PER_DAY, g->reference);
        }
      else
        cp->dna_done = TRUE;

      if (!cp->dna_done)
        cp->dna_reported_at = NO_TIME;
      if (cp->status == CASE_REUNITED)
        cp->status_changed_at = cp->signed_at;
      else if (cp->status == CASE_CLOSED)
        cp->status_changed_at = cp->closed_at;
    }
  else if (cp->intent == CASE_CLOSED)
    {
      cp->closed_at = cp->reported_at + (gint64) ((0.1 + 0.9 * r_closed) * (double) (g->reference - cp->reported_at));
      cp->status_changed_at = cp->closed_at;
    }
  else if (cp->intent == CASE_COLD)
    cp->status_changed_at = MIN (g->reference, cp->reported_at + (gint64) ((0.5 + 4 * r_changed) * 365 * SECONDS_PER_DAY));
  else if (cp->intent == CASE_INVESTIGATING)
    cp->status_changed_at = MIN (g->reference, cp->reported_at + (gint64) ((1 + 29 * r_changed) * SECONDS_PER_DAY));
  else
    cp->status_changed_at = cp->reported_at;

  /* a found child's family has given DNA */
  if (cp->found_at != NO_TIME)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < cp->n_family; i++)
        if (cp->rel[i] <= REL_FATHER && cp->dna_given[i])
          any = TRUE;
      if (!any)
        for (guint i = 0; i < cp->n_family; i++)
          if (cp->rel[i] <= REL_FATHER)
            cp->dna_given[i] = TRUE;
    }
  for (guint i = 0; i < cp->n_family; i++)
    if (cp->rel[i] > REL_FATHER)
      cp->dna_given[i] = FALSE;
}

static void
append_nicknames (const CasePlan *cp,
                  char            out[2][16],
                  guint          *n)
{
  const char *last = given_chars[cp->name.given[cp->name.n_given - 1]].zh;

  *n = 0;
  switch (cp->nick_style)
    {
    case 1:
      g_snprintf (out[(*n)++], 16, "小%s", last);
      break;
    case 2:
      g_snprintf (out[(*n)++], 16, "%s%s", last, last);
      break;
    case 3:
      g_snprintf (out[(*n)++], 16, "阿%s", last);
      break;
    case 4:
      g_snprintf (out[(*n)++], 16, "小%s", last);
      g_snprintf (out[(*n)++], 16, "%s%s", last, last);
      break;
    default:
      break;
    }
}

static void
append_circumstances (GString        *s,
                      const CasePlan *cp)
{
  static const char * const parts_of_day[] = { "上午", "中午", "下午", "傍晚", "晚上" };
  static const char * const settings[] = {
    "在家门口玩耍时", "随母亲在农贸市场买菜时", "在出租屋附近独自玩耍时", "在幼儿园放学途中",
    "随家人在火车站候车时", "在村口小卖部附近玩耍时", "在奶奶照看下于院子里玩耍时", "在小区楼下玩耍时",
  };
  static const char * const takers[] = {
    "被一名陌生中年男子", "被一名自称老乡的女子", "被两名外地口音男子", "被一名骑摩托车的男子",
    "被一对中年男女", "被一名租住在附近的男子",
  };
  static const char * const methods[] = {
    "抱走", "以买零食为由带走", "强行抱上面包车带走", "骗走",
  };
  static const char * const afterwards[] = {
    "家属发现后立即报警。", "监控显示嫌疑人乘坐长途客车离开。", "当地群众称曾见嫌疑人在附近徘徊数日。",
    "至今下落不明。", "家属四处寻找未果后报警。",
  };
  int y;
  guint m, d;

  civil_from_days (local_day (cp->abducted_at), &y, &m, &d);
  append_int (s, y);
  g_string_append (s, "年");
  if (cp->abducted_precision != PRECISION_YEAR)
    {
      append_int (s, m);
      g_string_append (s, "月");
    }
  if (cp->abducted_precision == PRECISION_DAY)
    {
      append_int (s, d);
      g_string_append (s, "日");
      g_string_append (s, parts_of_day[cp->circ[0] % G_N_ELEMENTS (parts_of_day)]);
    }
  g_string_append (s, "，");
  g_string_append (s, cp->male ? "男孩" : "女孩");
  g_string_append (s, settings[cp->circ[1] % G_N_ELEMENTS (settings)]);
  g_string_append (s, takers[cp->circ[2] % G_N_ELEMENTS (takers)]);
  g_string_append (s, methods[cp->circ[3] % G_N_ELEMENTS (methods)]);
  g_string_append (s, "，");
  g_string_append (s, afterwards[cp->circ[4] % G_N_ELEMENTS (afterwards)]);
}

/* ---------------------------------------------------------------------------
 * The plan of a sighting
 * ------------------------------------------------------------------------- */

#define P_TRUE        0.06    /* sightings genuinely about a case */
#define P_GROUP       0.10    /* photo sightings of shareable channels that start a repost group */
#define P_LINK_TRUE   0.35    /* true sightings an officer has linked */
#define P_LINK_WRONG  0.004   /* other sightings linked by mistake, then withdrawn */

typedef struct
{
  guint8   channel;
  gboolean has_photo;
  gboolean true_roll;
  gboolean group_roll;
  guint    group_size;
} SightBasic;

static gint64
sighting_received (Gen   *g,
                   guint  j)
{
  Rng rng = rng_for (g->seed, S_SIGHT_TIME, j);

  return time_dist_sample (&g->sight_dist, (j + rng_double (&rng)) / g->n_sightings);
}

static gint64
sighting_observed (Gen   *g,
                   guint  j)
{
  Rng rng = rng_for (g->seed, S_SIGHT_TIME, j);
  gint64 received = time_dist_sample (&g->sight_dist, (j + rng_double (&rng)) / g->n_sightings);

  return received - (gint64) (rng_double (&rng) * 36 * 3600);
}

/* the first sighting received at or after t */
static guint
sighting_index_at (Gen    *g,
                   gint64  t)
{
  guint lo = 0, hi = g->n_sightings;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (sighting_received (g, mid) < t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* the number of cases taken before t */
static guint
cases_before (Gen    *g,
              gint64  t)
{
  guint lo = 0, hi = g->n_cases;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g->case_time[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
sighting_basic (Gen        *g,
                guint       j,
                SightBasic *b)
{
  Rng rng = rng_for (g->seed, S_SIGHT_PLAN, j);

  b->channel = (guint8) rng_weighted (&rng, channel_weights, N_CHANNELS);
  b->has_photo = rng_below (&rng, 1000) < channel_photo[b->channel];
  b->true_roll = rng_chance (&rng, P_TRUE);
  b->group_roll = rng_chance (&rng, P_GROUP) && b->has_photo &&
                  (b->channel == CH_MICROBLOG || b->channel == CH_WEB_FORM ||
                   b->channel == CH_PARTNER || b->channel == CH_IMPORT);
  /* group sizes 2-20, small ones far more common */
  b->group_size = 2 + (guint) (18 * pow (rng_double (&rng), 3.0));
}

/* A case a tip seen at t may really be about: taken before t, not yet found,
 * and still a child. Recent cases draw more tips. */
static gint32
pick_case_for (Gen    *g,
               Rng    *rng,
               gint64  t)
{
  guint before = cases_before (g, t - SECONDS_PER_DAY);

  for (guint tries = 0; tries < 6 && before > 0; tries++)
    {
      guint k;

      if (rng_chance (rng, 0.5))
        k = before - 1 - rng_below (rng, MIN (before, g->n_cases / 20 + 1));
      else
        k = rng_below (rng, before);

      if (g->case_found_time[k] != NO_TIME && t > g->case_found_time[k] - 30 * SECONDS_PER_DAY)
        continue;
      if (g->case_status[k] == CASE_CLOSED && g->case_found_time[k] == NO_TIME)
        continue;
      if (age_at (g->case_birth[k], t) > 17)
        continue;

      return (gint32) k;
    }

  return -1;
}

/* What a tip describes: the child seen, where, doing what. Repost group
 * members describe what their group's primary described. */
typedef struct
{
  gint32   truth;
  guint    place;
  guint8   spot;
  double   lat;
  double   lon;
  guint8   sex;             /* 0 male, 1 female, 2 unknown */
  guint8   age_min;
  guint8   age_max;
  guint    contexts;        /* bit mask */
  guint8   colour;
  guint8   garment;
  guint8   extra;
  gboolean clothing;
  guint8   verb;
  gint     mark;            /* index into marks[], -1 */
  gboolean hashtag;
  guint8   phrase[N_CONTEXTS];
} SightContent;

static void
sighting_content (Gen          *g,
                  guint         source,
                  gint32        truth,
                  SightContent *sc)
{
  Rng rng = rng_for (g->seed, S_SIGHT, source);
  double r_near = rng_double (&rng);
  guint age, spread_lo, spread_hi;

  memset (sc, 0, sizeof *sc);
  sc->truth = truth;
  sc->place = rng_chance (&rng, 0.8) ? g->destinations[rng_below (&rng, g->n_destinations)]
                                     : rng_below (&rng, G_N_ELEMENTS (places));
  sc->spot = (guint8) rng_below (&rng, G_N_ELEMENTS (sighting_spots));
  sc->sex = (guint8) rng_weighted (&rng, (const guint[]) { 55, 35, 10 }, 3);
  age = 2 + rng_below (&rng, 12);
  spread_lo = rng_below (&rng, 3);
  spread_hi = rng_below (&rng, 3);
  sc->mark = rng_chance (&rng, 0.15) ? (gint) rng_below (&rng, G_N_ELEMENTS (marks)) : -1;
  for (guint i = 0; i < N_CONTEXTS; i++)
    {
      if (rng_below (&rng, 1000) < context_odds[i])
        sc->contexts |= 1u << i;
      sc->phrase[i] = (guint8) rng_below (&rng, 2);
    }
  if ((sc->contexts & (1u << CX_WITH_ADULTS)) && (sc->contexts & (1u << CX_ALONE)))
    sc->contexts &= ~(1u << CX_ALONE);
  if (sc->contexts == 0)
    sc->contexts = 1u << CX_OTHER;
  sc->colour = (guint8) rng_below (&rng, G_N_ELEMENTS (colours));
  sc->garment = (guint8) rng_below (&rng, G_N_ELEMENTS (garments));
  sc->extra = (guint8) rng_below (&rng, 2 * G_N_ELEMENTS (sighting_extras));
  sc->clothing = rng_chance (&rng, 0.55);
  sc->verb = (guint8) rng_below (&rng, 3);
  sc->hashtag = rng_chance (&rng, 0.3);

  if (truth >= 0)
    {
      CasePlan cp;
      gint64 observed = sighting_observed (g, source);
      double mention = rng_double (&rng);

      plan_case (g, (guint) truth, &cp);
      /* seen near home, or far away along the trafficking routes */
      if (r_near < 0.4)
        sc->place = cp.place;
      sc->sex = rng_chance (&rng, 0.95) ? (cp.male ? 0 : 1) : 2;
      age = (guint) age_at (cp.birth_day, observed);
      if (cp.n_marks > 0 && mention < 0.7)
        sc->mark = cp.mark[mention < 0.5 || cp.n_marks == 1 ? 0 : 1];
      else
        sc->mark = -1;
    }

  jitter (&rng, &places[sc->place], 0.05, &sc->lat, &sc->lon);
  sc->age_min = (guint8) MIN (25, (guint) MAX (0, (int) age - (int) spread_lo));
  sc->age_max = (guint8) MIN (25, age + spread_hi);
  if (sc->age_min > sc->age_max)
    sc->age_min = sc->age_max;
}

static void
append_description (GString            *s,
                    const SightContent *sc,
                    guint8              channel)
{
  static const char * const verbs[] = { "看到", "发现", "遇到" };
  static const guint8 activities[] = { CX_BEGGING, CX_WORKING, CX_PERFORMING, CX_SELLING };
  static const guint8 circumstances[] = { CX_WITH_ADULTS, CX_ALONE, CX_INJURED, CX_DISABLED, CX_DRUGGED, CX_SCHOOL };
  const Place *place = &places[sc->place];
  guint n_phrases = 0;
  guint age = (sc->age_min + sc->age_max + 1) / 2;

  if (channel == CH_MICROBLOG && sc->hashtag)
    g_string_append (s, "#随手拍解救乞讨儿童# ");
  g_string_append (s, "在");
  g_string_append (s, place->short_name);
  g_string_append (s, sighting_spots[sc->spot]);
  g_string_append (s, verbs[sc->verb]);
  g_string_append (s, "一名");
  if (sc->age_min == sc->age_max)
    {
      g_string_append (s, "约");
      append_int (s, age);
      g_string_append (s, "岁的");
    }
  else
    {
      append_int (s, sc->age_min);
      g_string_append (s, "到");
      append_int (s, sc->age_max);
      g_string_append (s, "岁的");
    }
  g_string_append (s, sc->sex == 0 ? "男孩" : sc->sex == 1 ? "女孩" : "小孩");

  /* tips are short: what the child was doing, and one thing more */
  for (guint i = 0; i < G_N_ELEMENTS (activities); i++)
    if (sc->contexts & (1u << activities[i]))
      {
        g_string_append (s, context_phrases[activities[i]][sc->phrase[activities[i]]]);
        n_phrases++;
        break;
      }
  for (guint i = 0; i < G_N_ELEMENTS (circumstances) && n_phrases < 2; i++)
    if (sc->contexts & (1u << circumstances[i]))
      {
        g_string_append (s, context_phrases[circumstances[i]][sc->phrase[circumstances[i]]]);
        n_phrases++;
      }

  if (sc->clothing)
    {
      g_string_append (s, "，穿");
      g_string_append (s, colours[sc->colour]);
      g_string_append (s, garments[sc->garment]);
    }
  if (sc->mark >= 0)
    {
      g_string_append (s, "，孩子");
      g_string_append (s, marks[sc->mark]);
    }
  if (sc->extra < G_N_ELEMENTS (sighting_extras))
    {
      g_string_append (s, "，");
      if (sc->extra == 0)
        {
          g_string_append (s, "说话带");
          g_string_append (s, place->dialect);
          g_string_append (s, "口音");
        }
      else
        g_string_append (s, sighting_extras[sc->extra]);
    }
  g_string_append (s, "。");
}

/* ---------------------------------------------------------------------------
 * Planning: who is found, which sightings are true, groups, links, DNA
 * ------------------------------------------------------------------------- */

static gint32
photo_code (Gen   *g,
            guint  logical,
            gint   variant)
{
  /* pictures repeat beyond the pool; each round uses another variant */
  guint index = logical % g->pool_size;
  guint v = variant >= 0 ? (guint) variant : (logical / g->pool_size) % PHOTO_VARIANTS;

  g->pool[index].needed |= (guint8) (1u << v);

  return (gint32) (index << 2 | v);
}

/* Hands out pictures: each case with a photo, each repost group, each other
 * sighting with a photo and each found child gets a base picture of its
 * own (as long as the pool lasts); reposts get variants of their group's
 * picture, and some true sightings a variant of their case's picture (the
 * missing-child poster, passed on). With count_only, counts base pictures. */
static guint
hand_out_photos (Gen      *g,
                 gboolean  count_only)
{
  guint logical = 0;

  for (guint k = 0; k < g->n_cases; k++)
    {
      CasePlan cp;

      plan_case (g, k, &cp);
      if (count_only)
        {
          g->case_photo[k] = cp.has_photo ? 0 : -1;
          logical += cp.has_photo;
        }
      else
        g->case_photo[k] = cp.has_photo ? photo_code (g, logical++, -1) : -1;
    }

  for (guint j = 0; j < g->n_sightings; j++)
    {
      Rng rng = rng_for (g->seed, S_PHOTO, j);
      gint32 group = g->group_of[j];
      SightBasic b;

      if (group >= 0)
        {
          Group *gr = &g_array_index (g->groups, Group, group);

          if (count_only)
            logical += gr->primary == j;
          else if (gr->primary == j)
            g->photo_of[j] = gr->photo = photo_code (g, logical++, -1);
          else
            {
              /* a repost: the same picture, resized and re-compressed */
              guint v = ((guint) (gr->photo & 3) + 1 + rng_below (&rng, PHOTO_VARIANTS - 1)) % PHOTO_VARIANTS;

              g->photo_of[j] = photo_code (g, (guint) gr->photo >> 2, (gint) v);
            }
          continue;
        }

      sighting_basic (g, j, &b);
      if (!b.has_photo)
        continue;

      if (g->truth[j] >= 0 && g->case_photo[g->truth[j]] >= 0 && rng_chance (&rng, 0.4))
        {
          gint32 code = g->case_photo[g->truth[j]];

          if (!count_only)
            g->photo_of[j] = photo_code (g, (guint) code >> 2, (gint) (((guint) (code & 3) + 1) % PHOTO_VARIANTS));
        }
      else if (count_only)
        logical++;
      else
        g->photo_of[j] = photo_code (g, logical++, -1);
    }

  for (guint i = 0; i < g->found->len; i++)
    {
      if (count_only)
        logical++;
      else
        g_array_index (g->found, FoundChild, i).photo = photo_code (g, logical++, -1);
    }

  return logical;
}

static gint32
pick_designated (Gen   *g,
                 guint  k)
{
  Rng rng = rng_for (g->seed, S_TRUTH, k);
  gint64 t0 = g->case_time[k] + 7 * SECONDS_PER_DAY;
  gint64 t1 = MIN (g->reference - 45 * SECONDS_PER_DAY, g->case_time[k] + 8 * 365 * SECONDS_PER_DAY);
  guint j0, j1;

  if (g->n_sightings == 0 || t1 <= t0)
    return -1;

  j0 = sighting_index_at (g, t0);
  j1 = sighting_index_at (g, t1);
  if (j1 <= j0)
    return -1;

  for (guint tries = 0; tries < 30; tries++)
    {
      guint j = j0 + rng_below (&rng, j1 - j0);

      if (g->truth[j] < 0)
        {
          g->truth[j] = (gint32) k;
          return (gint32) j;
        }
    }

  return -1;
}

static gboolean
plan (Gen     *g,
      GError **error)
{
  guint n = g->n_cases;
  guint m = g->n_sightings;
  guint unmatched;
  guint n_pictures;

  g->case_time = g_new (gint64, MAX (n, 1));
  g->case_found_sighting = g_new (gint32, MAX (n, 1));
  g->case_found_time = g_new (gint64, MAX (n, 1));
  g->case_birth = g_new (gint32, MAX (n, 1));
  g->case_needs_found = g_new0 (guint8, MAX (n, 1));
  g->case_status = g_new (guint8, MAX (n, 1));
  g->case_photo = g_new (gint32, MAX (n, 1));
  g->case_found_child = g_new (gint32, MAX (n, 1));
  g->fam_first = g_new (guint32, n + 1);
  g->fam_first[0] = 0;
  g->truth = g_new (gint32, MAX (m, 1));
  g->group_of = g_new (gint32, MAX (m, 1));
  g->photo_of = g_new (gint32, MAX (m, 1));
  g->link_of = g_new (gint32, MAX (m, 1));
  for (guint j = 0; j < m; j++)
    g->truth[j] = g->group_of[j] = g->photo_of[j] = g->link_of[j] = -1;

  /* 1. when each case happened (sorted, so ids follow the dates) and what
   * it is meant to become */
  for (guint k = 0; k < n; k++)
    {
      Rng rng = rng_for (g->seed, S_CASE_TIME, k);

      g->case_time[k] = time_dist_sample (&g->case_dist, (k + rng_double (&rng)) / n);
      g->case_found_sighting[k] = -1;
    }
  for (guint k = 0; k < n; k++)
    {
      CasePlan cp;

      plan_case (g, k, &cp);
      g->case_needs_found[k] = cp.found_at != NO_TIME;
    }

  /* 2. the sighting that led to each child that is found */
  for (guint k = 0; k < n; k++)
    if (g->case_needs_found[k])
      g->case_found_sighting[k] = pick_designated (g, k);

  /* 3. the final state of every case */
  for (guint k = 0; k < n; k++)
    {
      CasePlan cp;

      plan_case (g, k, &cp);
      g->case_status[k] = cp.status;
      g->case_found_time[k] = cp.found_at;
      g->case_birth[k] = (gint32) cp.birth_day;
      g->fam_first[k + 1] = g->fam_first[k] + cp.n_family;
    }

  /* 4. repost groups and true sightings */
  for (guint j = 0; j < m; j++)
    {
      SightBasic b;
      Rng rng;
      gint32 group = -1;
      gint32 truth;

      if (g->truth[j] >= 0 || g->group_of[j] >= 0)
        continue;

      sighting_basic (g, j, &b);
      if (b.group_roll)
        {
          Rng grng = rng_for (g->seed, S_GROUP, j);
          guint32 members[20];
          guint n_members = 1;
          guint at = j;

          members[0] = j;
          while (n_members < b.group_size)
            {
              at += 1 + rng_below (&grng, 40);
              if (at >= m)
                break;
              if (g->truth[at] >= 0 || g->group_of[at] >= 0)
                continue;
              members[n_members++] = at;
            }

          if (n_members >= 2)
            {
              Group gr = { j, members[n_members - 1], (guint16) n_members, -1 };

              group = (gint32) g->groups->len;
              g_array_append_val (g->groups, gr);
              for (guint i = 0; i < n_members; i++)
                g->group_of[members[i]] = group;
            }
        }

      if (!b.true_roll)
        continue;

      rng = rng_for (g->seed, S_TRUTH, (guint64) n + j);
      truth = pick_case_for (g, &rng, sighting_observed (g, j));
      if (truth < 0)
        continue;

      if (group < 0)
        g->truth[j] = truth;
      else
        {
          const Group *gr = &g_array_index (g->groups, Group, group);

          /* a viral post about a child found since would be odd: keep the
           * whole group before the child was found */
          if (g->case_found_time[truth] != NO_TIME &&
              sighting_observed (g, gr->last) > g->case_found_time[truth] - 30 * SECONDS_PER_DAY)
            continue;
          for (guint at = j; at <= gr->last; at++)
            if (g->group_of[at] == group)
              g->truth[at] = truth;
        }
    }

  /* 5. links: the sighting that found a child, some other true sightings,
   * and a few mistakes that were withdrawn */
  for (guint j = 0; j < m; j++)
    {
      Rng rng = rng_for (g->seed, S_LINK, j);
      gint32 k = g->truth[j];
      gboolean member = g->group_of[j] >= 0 &&
                        g_array_index (g->groups, Group, g->group_of[j]).primary != j;
      Link link = { j, 0, CONF_POSSIBLE, FALSE, FALSE, 0, 0 };
      double r = rng_double (&rng);
      SightContent sc;
      CasePlan cp;

      if (member)
        continue;

      if (k >= 0 && g->case_found_sighting[k] == (gint32) j)
        link.designated = TRUE;
      else if (k >= 0 && r < P_LINK_TRUE)
        link.confidence = r < P_LINK_TRUE * 0.6 ? CONF_POSSIBLE : CONF_PROBABLE;
      else if (k < 0 && r < P_LINK_WRONG)
        {
          k = pick_case_for (g, &rng, sighting_observed (g, j));
          if (k < 0)
            continue;
          link.withdrawn = TRUE;
        }
      else
        continue;

      plan_case (g, (guint) k, &cp);
      if (link.designated)
        link.confidence = cp.dna_done ? CONF_CONFIRMED : CONF_PROBABLE;
      sighting_content (g, j, g->truth[j], &sc);
      link.k = (guint32) k;
      link.officer = pick_officer (g, &rng, rng_chance (&rng, 0.5) ? places[sc.place].unit : cp.unit);
      link.linked_at = sighting_received (g, j) + rng_range (&rng, 3600, 5 * SECONDS_PER_DAY);
      link.linked_at = MIN (link.linked_at, g->reference);
      if (link.designated)
        link.linked_at = MIN (link.linked_at, cp.found_at - 3600);
      g->link_of[j] = (gint32) g->links->len;
      g_array_append_val (g->links, link);
    }

  /* 6. found children: those of the cases, and some nobody has matched yet */
  for (guint k = 0; k < n; k++)
    {
      CasePlan cp;
      Rng rng = rng_for (g->seed, S_FOUND, k);
      FoundChild fc = { (gint32) k, g->case_found_sighting[k], NO_TIME, 0, 0, 0, 0, FALSE, 0, 0, 0, -1 };
      int age, spread;

      g->case_found_child[k] = -1;
      if (g->case_found_time[k] == NO_TIME)
        continue;

      plan_case (g, k, &cp);
      fc.found_at = cp.found_at;
      if (fc.j >= 0)
        {
          SightContent sc;

          sighting_content (g, (guint) fc.j, (gint32) k, &sc);
          fc.place = sc.place;
        }
      else
        fc.place = g->destinations[rng_below (&rng, g->n_destinations)];
      jitter (&rng, &places[fc.place], 0.05, &fc.lat, &fc.lon);
      fc.unit = places[fc.place].unit;
      fc.male = cp.male;
      fc.birth_day = cp.birth_day;
      age = age_at (cp.birth_day, fc.found_at);
      spread = (int) rng_below (&rng, 2);
      fc.age_min = (guint8) CLAMP (age - spread, 0, 25);
      spread = (int) rng_below (&rng, 2);
      fc.age_max = (guint8) CLAMP (age + 1 + spread, 0, 25);
      g->case_found_child[k] = (gint32) g->found->len;
      g_array_append_val (g->found, fc);
    }
  unmatched = n * 15 / 1000;
  for (guint i = 0; i < unmatched; i++)
    {
      Rng rng = rng_for (g->seed, S_FOUND, (guint64) n + i);
      FoundChild fc = { -1, -1, NO_TIME, 0, 0, 0, 0, FALSE, 0, 0, 0, -1 };
      int age = 1 + (int) rng_below (&rng, 11);

      fc.found_at = g->reference - (gint64) (rng_double (&rng) * 10 * 365 * SECONDS_PER_DAY);
      fc.place = g->destinations[rng_below (&rng, g->n_destinations)];
      jitter (&rng, &places[fc.place], 0.05, &fc.lat, &fc.lon);
      fc.unit = places[fc.place].unit;
      fc.male = rng_chance (&rng, 0.6);
      fc.birth_day = local_day (fc.found_at) - age * 365 - rng_below (&rng, 365);
      fc.age_min = (guint8) MAX (0, age - 1);
      fc.age_max = (guint8) (age + 1);
      g_array_append_val (g->found, fc);
    }

  /* 7. DNA samples: the families of found children and a few others (the
   * national database), and every found child */
  for (guint k = 0; k < n; k++)
    {
      CasePlan cp;
      Rng rng = rng_for (g->seed, S_DNA, k);
      gboolean found = g->case_found_time[k] != NO_TIME;
      gboolean sampled = found || rng_chance (&rng, 0.03);

      if (!sampled)
        continue;

      plan_case (g, k, &cp);
      for (guint i = 0; i < cp.n_family; i++)
        {
          Sample s = { (gint32) k, -1, (gint32) (g->fam_first[k] + i), 0, TRUE, 0, 0, 0 };

          if (!cp.dna_given[i] || cp.rel[i] > REL_FATHER)
            continue;
          s.kind = cp.rel[i] == REL_FATHER ? SAMPLE_FATHER : SAMPLE_MOTHER;
          s.officer = cp.officer != G_MAXUINT ? cp.officer : pick_officer (g, &rng, cp.unit);
          s.collected_at = cp.reported_at + rng_range (&rng, SECONDS_PER_DAY, 30 * SECONDS_PER_DAY);
          s.collected_at = MIN (s.collected_at, g->reference - 3600);
          s.analysed_at = s.collected_at + rng_range (&rng, 5, 30) * SECONDS_PER_DAY;
          s.analysed_at = MIN (s.analysed_at, g->reference);
          g_array_append_val (g->samples, s);
        }

      if (found)
        {
          const FoundChild *fc = &g_array_index (g->found, FoundChild, g->case_found_child[k]);
          Sample s = { (gint32) k, g->case_found_child[k], -1, SAMPLE_CHILD, cp.dna_done, 0, 0, 0 };

          s.officer = pick_officer (g, &rng, fc->unit);
          s.collected_at = fc->found_at + rng_range (&rng, 3600, 2 * SECONDS_PER_DAY);
          s.collected_at = MIN (s.collected_at, g->reference - 60);
          s.analysed_at = cp.dna_done ? MAX (s.collected_at + 3600, cp.dna_reported_at - SECONDS_PER_DAY) : NO_TIME;
          g_array_append_val (g->samples, s);
        }
    }
  for (guint i = 0; i < g->found->len; i++)
    {
      const FoundChild *fc = &g_array_index (g->found, FoundChild, i);
      Rng rng = rng_for (g->seed, S_DNA, (guint64) n + i);
      Sample s = { -1, (gint32) i, -1, SAMPLE_CHILD, TRUE, 0, 0, 0 };

      if (fc->k >= 0)
        continue;
      s.officer = pick_officer (g, &rng, fc->unit);
      s.collected_at = fc->found_at + rng_range (&rng, 3600, 2 * SECONDS_PER_DAY);
      s.collected_at = MIN (s.collected_at, g->reference - 3600);
      s.analysed_at = s.collected_at + rng_range (&rng, 5, 30) * SECONDS_PER_DAY;
      s.analysed_at = MIN (s.analysed_at, g->reference);
      g_array_append_val (g->samples, s);
    }

  /* 8. photos: how many distinct pictures, and which one each record shows */
  n_pictures = hand_out_photos (g, TRUE);
  g->pool_size = CLAMP (n_pictures, 1, PHOTO_POOL_MAX);
  g->pool = g_new0 (PoolEntry, g->pool_size);
  hand_out_photos (g, FALSE);

  return TRUE;
}

/* ---------------------------------------------------------------------------
 * Photo pool: drawn and encoded by worker threads while rows stream
 * ------------------------------------------------------------------------- */

static gpointer
photo_worker (gpointer data)
{
  Gen *g = data;

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&g->next_image, 1);
      HwDemoImage *images[PHOTO_VARIANTS] = { NULL };
      GError *local_error = NULL;
      PoolEntry *entry;
      Rng rng;

      if (i >= g->pool_size || g_atomic_int_get (&g->stop))
        break;

      entry = &g->pool[i];
      rng = rng_for (g->seed, S_PHOTO, G_GUINT64_CONSTANT (1) << 36 | i);
      images[0] = hw_demo_image_new (rng_next (&rng), PHOTO_WIDTH, PHOTO_HEIGHT,
                                     65 + (int) rng_below (&rng, 21), &local_error);
      for (guint v = 1; images[0] != NULL && v < PHOTO_VARIANTS && local_error == NULL; v++)
        if (entry->needed & (1u << v))
          images[v] = hw_demo_image_new_repost (images[0], rng_next (&rng), &local_error);

      g_mutex_lock (&g->pool_mutex);
      memcpy (entry->variant, images, sizeof images);
      entry->done = TRUE;
      if (local_error != NULL && g->pool_error == NULL)
        g->pool_error = g_steal_pointer (&local_error);
      g_cond_broadcast (&g->pool_cond);
      g_mutex_unlock (&g->pool_mutex);
      g_clear_error (&local_error);
    }

  return NULL;
}

static void
start_workers (Gen *g)
{
  g->n_workers = CLAMP (g_get_num_processors () - 1, 1, G_N_ELEMENTS (g->workers));
  for (guint i = 0; i < g->n_workers; i++)
    g->workers[i] = g_thread_new ("hw-demo-photos", photo_worker, g);
}

static void
stop_workers (Gen *g)
{
  g_atomic_int_set (&g->stop, 1);
  for (guint i = 0; i < g->n_workers; i++)
    g_clear_pointer (&g->workers[i], g_thread_join);
  g->n_workers = 0;
}

static const HwDemoImage *
pool_get (Gen     *g,
          gint32   code,
          GError **error)
{
  PoolEntry *entry = &g->pool[code >> 2];
  const HwDemoImage *image;

  g_mutex_lock (&g->pool_mutex);
  while (!entry->done && g->pool_error == NULL)
    g_cond_wait (&g->pool_cond, &g->pool_mutex);
  if (g->pool_error != NULL)
    {
      g_set_error (error, HW_DB_ERROR, HW_DB_ERROR_QUERY, _("Could not draw the demo photos: %s"),
                   g->pool_error->message);
      image = NULL;
    }
  else
    image = entry->variant[code & 3];
  g_mutex_unlock (&g->pool_mutex);

  g_assert (image != NULL || (error == NULL || *error != NULL));

  return image;
}

/* ---------------------------------------------------------------------------
 * Units, officers and the people of a case
 * ------------------------------------------------------------------------- */

static const char * const officer_ranks[] = { "二级警员", "一级警员", "二级警司", "一级警司", "三级警督" };
static const char * const supervisor_ranks[] = { "二级警督", "一级警督" };

/* The roster is the same for every seed: officers are PostgreSQL roles,
 * which all databases of a cluster share. */
static void
build_roster (Gen *g)
{
  g_autoptr(GHashTable) logins = g_hash_table_new (g_str_hash, g_str_equal);
  static const struct { const char *login; const char *name; int unit; int role; } fixed[] = {
    { "demo_officer", "演示民警", U_SZ, ROLE_OFFICER },
    { "demo_supervisor", "演示主管", U_SZ, ROLE_SUPERVISOR },
    { "demo_admin", "演示管理员", -1, ROLE_ADMIN },
  };
  guint serial = 0;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      Officer *o = g_new0 (Officer, 1);

      o->login = g_strdup (fixed[i].login);
      o->name = g_strdup (fixed[i].name);
      o->unit = fixed[i].unit;
      o->role = fixed[i].role;
      o->rank = o->role == ROLE_SUPERVISOR ? supervisor_ranks[0] : o->role == ROLE_OFFICER ? officer_ranks[1] : NULL;
      g_hash_table_add (logins, o->login);
      g_ptr_array_add (g->officers, o);
    }

  for (guint u = 0; u < N_UNITS; u++)
    for (guint i = 0; i < 10; i++)
      {
        Rng rng = rng_for (0x686f6d65, S_ROSTER, serial++);
        g_autoptr(GString) name = g_string_new (NULL);
        g_autoptr(GString) login = g_string_new (NULL);
        Officer *o = g_new0 (Officer, 1);
        Name n;

        draw_name (g, &rng, rng_chance (&rng, 0.7), -1, &n);
        append_full_name (name, &n);
        g_string_append_printf (login, "%s_%s", units[u].code, surnames[n.surname].latin);
        append_given_latin (login, &n);
        g_string_ascii_down (login);
        g_string_replace (login, "ü", "v", 0);
        g_string_replace (login, "'", "", 0);
        while (g_hash_table_contains (logins, login->str))
          g_string_append_c (login, '2');

        o->login = g_string_free (g_steal_pointer (&login), FALSE);
        o->name = g_string_free (g_steal_pointer (&name), FALSE);
        o->unit = (int) u;
        o->role = i < 2 ? ROLE_SUPERVISOR : ROLE_OFFICER;
        o->rank = o->role == ROLE_SUPERVISOR ? supervisor_ranks[rng_below (&rng, 2)]
                                             : officer_ranks[rng_below (&rng, G_N_ELEMENTS (officer_ranks))];
        g_hash_table_add (logins, o->login);
        g_ptr_array_add (g->officers, o);
      }

  for (guint i = 0; i < g->officers->len; i++)
    {
      const Officer *o = officer_at (g, i);

      if (o->role == ROLE_OFFICER)
        g_array_append_val (g->unit_officers[o->unit], i);
      else if (o->role == ROLE_SUPERVISOR)
        g_array_append_val (g->unit_supervisors[o->unit], i);
    }
}

static gboolean
is_retryable (PGresult *result)
{
  const char *sqlstate = PQresultErrorField (result, PG_DIAG_SQLSTATE);

  /* another database of the cluster created the same role at the same time */
  return sqlstate != NULL && (g_str_equal (sqlstate, "23505") || g_str_equal (sqlstate, "42710") ||
                              g_str_equal (sqlstate, "XX000") || g_str_equal (sqlstate, "40P01"));
}

static gboolean
write_units_and_officers (Gen     *g,
                          GError **error)
{
  g_autofree char *roster_time = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) ROSTER_TIME);

  set_stage (g, _("Creating units and officers"), 0);

  for (guint u = 0; u < N_UNITS; u++)
    {
      const char *params[] = { units[u].code, units[u].name, units[u].region };
      g_autoptr(PGresult) result = exec_params (g, "SELECT homeward.create_unit($1, $2, $3)", 3, params, error);
      g_autoptr(PGresult) touched = NULL;
      const char *touch[2];

      if (result == NULL)
        return FALSE;
      g->unit_id[u] = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      touch[0] = PQgetvalue (result, 0, 0);
      touch[1] = roster_time;
      if (!(touched = exec_params (g, "UPDATE homeward.unit SET created_at = to_timestamp($2), updated_at = to_timestamp($2) "
                                   "WHERE id = $1",
                                   2, touch, error)))
        return FALSE;
    }

  for (guint i = 0; i < g->officers->len; i++)
    {
      Officer *o = g_ptr_array_index (g->officers, i);
      const char *params[] = { o->login, o->name, o->unit >= 0 ? units[o->unit].code : NULL, role_names[o->role] };
      g_autoptr(PGresult) touched = NULL;
      g_autofree char *id_text = NULL;
      const char *touch[3];

      for (guint attempt = 0;; attempt++)
        {
          g_autoptr(PGresult) result = NULL;

          if (!exec (g, "SAVEPOINT hw_demo_officer", error))
            return FALSE;

          result = PQexecParams (g->conn, "SELECT homeward.create_officer($1, $2, $3, $4)", 4, NULL,
                                 params, NULL, NULL, 0);
          if (PQresultStatus (result) == PGRES_TUPLES_OK)
            {
              o->id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
              if (!exec (g, "RELEASE SAVEPOINT hw_demo_officer", error))
                return FALSE;
              break;
            }

          if (attempt >= 5 || !is_retryable (result))
            return check_result (g, result, "create_officer", error);

          if (!exec (g, "ROLLBACK TO SAVEPOINT hw_demo_officer", error))
            return FALSE;
          g_usleep (50000 * (attempt + 1));
        }

      id_text = g_strdup_printf ("%" G_GINT64_FORMAT, o->id);
      touch[0] = id_text;
      touch[1] = o->rank;
      touch[2] = roster_time;
      if (!(touched = exec_params (g, "UPDATE homeward.officer SET rank = $2, created_at = to_timestamp($3), "
                                      "updated_at = to_timestamp($3) WHERE id = $1", 3, touch, error)))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  Name     name;
  gboolean male;
  gint64   birth_day;
  guint8   birth_precision;
  gboolean consent_contact;
  gboolean consent_publish;
  guint    phone_seed;
  guint8   address_style;
  guint    house;
  guint    road;
} Relative;

static void
plan_relative (Gen            *g,
               const CasePlan *cp,
               guint           i,
               Relative       *rel)
{
  Rng rng = rng_for (g->seed, S_FAMILY, (guint64) g->fam_first[cp->k] + i);
  int surname = (int) cp->name.surname;
  gint64 born_before = 0;

  memset (rel, 0, sizeof *rel);
  switch (cp->rel[i])
    {
    case REL_MOTHER:
      rel->male = FALSE;
      surname = -1;
      born_before = rng_range (&rng, 19, 36);
      break;
    case REL_FATHER:
      rel->male = TRUE;
      if (rng_chance (&rng, 0.05))
        surname = -1;
      born_before = rng_range (&rng, 21, 42);
      break;
    case REL_GRANDPARENT:
      rel->male = rng_chance (&rng, 0.5);
      if (!rel->male)
        surname = -1;
      born_before = rng_range (&rng, 44, 66);
      break;
    case REL_SIBLING:
      rel->male = rng_chance (&rng, 0.5);
      born_before = rng_range (&rng, -6, 10);
      break;
    default:
      rel->male = rng_chance (&rng, 0.5);
      surname = -1;
      born_before = rng_range (&rng, 25, 60);
      break;
    }

  draw_name (g, &rng, rel->male, surname, &rel->name);
  rel->birth_day = cp->birth_day - born_before * 365 - rng_below (&rng, 365);
  rel->birth_day = MIN (rel->birth_day, local_day (cp->reported_at) - 30);
  rel->birth_precision = rng_chance (&rng, 0.6) ? PRECISION_DAY : PRECISION_YEAR;
  rel->consent_contact = rng_chance (&rng, 0.96);
  rel->consent_publish = rng_chance (&rng, 0.65);
  rel->phone_seed = (guint) rng_next (&rng);
  rel->address_style = (guint8) rng_below (&rng, 2);
  rel->house = 1 + rng_below (&rng, 120);
  rel->road = rng_below (&rng, 1000);
}

static void
append_address (GString        *s,
                const CasePlan *cp,
                const Relative *rel)
{
  static const char * const villages[] = { "团结", "新华", "红星", "和平", "东风", "向阳", "胜利", "光明", "建设", "幸福" };
  static const char * const roads[] = { "人民路", "解放路", "建设路", "中山路", "新华路", "东风路", "朝阳路", "光明街" };
  const Place *home = &places[cp->native_place];

  append_place_text (s, home, NULL);
  if (rel->address_style == 0)
    {
      g_string_append (s, villages[rel->road % G_N_ELEMENTS (villages)]);
      g_string_append (s, "村");
      append_int (s, 1 + rel->road / 10 % 9);
      g_string_append (s, "组");
      append_int (s, rel->house);
      g_string_append (s, "号");
    }
  else
    {
      g_string_append (s, roads[rel->road % G_N_ELEMENTS (roads)]);
      append_int (s, rel->house);
      g_string_append (s, "号");
      append_int (s, 1 + rel->road % 12);
      g_string_append (s, "栋");
      append_int (s, 100 * (1 + rel->road / 12 % 18) + 1 + rel->road % 4);
      g_string_append (s, "室");
    }
}

/* The four name columns, and their share of the search column: each name,
 * and surname and given name together, in characters and in pinyin. */
static void
f_name_columns (Gen        *g,
                const Name *name)
{
  const Surname *surname = &surnames[name->surname];

  g_string_truncate (g->tmp, 0);
  append_given (g->tmp, name);
  f_text (g, surname->zh);
  f_text (g, g->tmp->str);
  search_add (g, surname->zh);
  search_add (g, g->tmp->str);
  g_string_prepend (g->tmp, surname->zh);
  search_add (g, g->tmp->str);

  g_string_truncate (g->tmp, 0);
  append_given_latin (g->tmp, name);
  f_text (g, surname->latin);
  f_text (g, g->tmp->str);
  search_add (g, surname->latin);
  search_add (g, g->tmp->str);
  g_string_prepend (g->tmp, surname->latin);
  search_add (g, g->tmp->str);
}

static gboolean
write_people (Gen     *g,
              GError **error)
{
  guint n_family = g->fam_first[g->n_cases];

  set_stage (g, _("Writing children and relatives"), 0.6);
  if (!copy_begin (g, "COPY homeward.person (id, created_at, updated_at, kind, unit_id, family_name, "
                      "given_name, family_name_latin, given_name_latin, nicknames, sex, birth_date, "
                      "birth_date_precision, distinguishing_marks, native_place, dialect, search) "
                      "FROM STDIN", error))
    return FALSE;

  for (guint k = 0; k < g->n_cases; k++)
    {
      CasePlan cp;
      char nick[2][16];
      const char *nick_ptrs[2] = { nick[0], nick[1] };
      guint n_nick;

      plan_case (g, k, &cp);
      f_int (g, g->person_base + k);
      f_time (g, cp.reported_at);
      f_time (g, cp.reported_at);
      f_text (g, "child");
      f_int (g, g->unit_id[cp.unit]);
      f_name_columns (g, &cp.name);
      append_nicknames (&cp, nick, &n_nick);
      f_array (g, nick_ptrs, n_nick);
      for (guint i = 0; i < n_nick; i++)
        search_add (g, nick[i]);
      f_text (g, cp.male ? "male" : "female");
      f_date (g, truncate_day (cp.birth_day, cp.birth_precision));
      f_text (g, precision_names[cp.birth_precision]);
      if (cp.n_marks == 0)
        f_null (g);
      else
        {
          g_string_assign (g->tmp, marks[cp.mark[0]]);
          if (cp.n_marks > 1)
            {
              g_string_append (g->tmp, "；");
              g_string_append (g->tmp, marks[cp.mark[1]]);
            }
          f_text (g, g->tmp->str);
          search_add (g, g->tmp->str);
        }
      g_string_truncate (g->tmp, 0);
      append_place_text (g->tmp, &places[cp.native_place], NULL);
      f_text (g, g->tmp->str);
      search_add (g, g->tmp->str);
      f_text (g, cp.age >= 3 ? places[cp.native_place].dialect : NULL);
      f_search (g);
      if (!row_end (g, error))
        return FALSE;
    }

  for (guint k = 0; k < g->n_cases; k++)
    {
      CasePlan cp;

      plan_case (g, k, &cp);
      for (guint i = 0; i < cp.n_family; i++)
        {
          Relative rel;

          plan_relative (g, &cp, i, &rel);
          f_int (g, g->person_base + g->n_cases + g->fam_first[k] + i);
          f_time (g, cp.reported_at);
          f_time (g, cp.reported_at);
          f_text (g, "relative");
          f_int (g, g->unit_id[cp.unit]);
          f_name_columns (g, &rel.name);
          f_array (g, NULL, 0);
          f_text (g, rel.male ? "male" : "female");
          f_date (g, truncate_day (rel.birth_day, rel.birth_precision));
          f_text (g, precision_names[rel.birth_precision]);
          f_null (g);
          g_string_truncate (g->tmp, 0);
          append_place_text (g->tmp, &places[cp.native_place], NULL);
          f_text (g, g->tmp->str);
          search_add (g, g->tmp->str);
          f_text (g, places[cp.native_place].dialect);
          f_search (g);
          if (!row_end (g, error))
            return FALSE;
        }
    }

  /* found children: who they are is what the case will tell */
  for (guint i = 0; i < g->found->len; i++)
    {
      static const char * const shelter_names[][2] = { { "党", "Dang" }, { "国", "Guo" }, { "福", "Fu" }, { "民", "Min" } };
      static const char * const shelter_nicks[] = { "小宝", "豆豆", "乐乐", "贝贝", "丫丫", "毛毛" };
      const FoundChild *fc = &g_array_index (g->found, FoundChild, i);
      Rng rng = rng_for (g->seed, S_FOUND, G_GUINT64_CONSTANT (1) << 36 | i);
      const char *nick = shelter_nicks[rng_below (&rng, G_N_ELEMENTS (shelter_nicks))];
      guint shelter = rng_below (&rng, G_N_ELEMENTS (shelter_names));
      const GivenChar *given = &given_chars[(fc->male ? g->given_m : g->given_f)[rng_below (&rng, fc->male ? g->n_given_m : g->n_given_f)]];
      guint age = (fc->age_min + fc->age_max) / 2;

      f_int (g, g->person_base + g->n_cases + n_family + i);
      f_time (g, fc->found_at + 3600);
      f_time (g, fc->found_at + 3600);
      f_text (g, "child");
      f_int (g, g->unit_id[fc->unit]);
      if (rng_chance (&rng, 0.5))
        {
          /* named by the welfare institution */
          f_text (g, shelter_names[shelter][0]);
          f_text (g, given->zh);
          f_text (g, shelter_names[shelter][1]);
          g_string_truncate (g->tmp, 0);
          g_string_append_c (g->tmp, g_ascii_toupper (given->latin[0]));
          g_string_append (g->tmp, given->latin + 1);
          f_text (g, g->tmp->str);

          search_add (g, shelter_names[shelter][0]);
          search_add (g, given->zh);
          search_add (g, shelter_names[shelter][1]);
          search_add (g, g->tmp->str);
          g_string_prepend (g->tmp, shelter_names[shelter][1]);
          search_add (g, g->tmp->str);
          g_string_assign (g->tmp, shelter_names[shelter][0]);
          g_string_append (g->tmp, given->zh);
          search_add (g, g->tmp->str);
        }
      else
        {
          f_null (g);
          f_null (g);
          f_null (g);
          f_null (g);
        }
      f_array (g, &nick, 1);
      search_add (g, nick);
      f_text (g, fc->male ? "male" : "female");
      f_date (g, truncate_day (local_day (fc->found_at) - (gint64) age * 365, PRECISION_YEAR));
      f_text (g, "year");
      if (fc->k >= 0 && rng_chance (&rng, 0.6))
        {
          CasePlan cp;

          plan_case (g, (guint) fc->k, &cp);
          f_text (g, cp.n_marks > 0 ? marks[cp.mark[0]] : NULL);
          search_add (g, cp.n_marks > 0 ? marks[cp.mark[0]] : NULL);
        }
      else
        f_null (g);
      f_null (g);
      f_null (g);
      f_search (g);
      if (!row_end (g, error))
        return FALSE;
    }

  return copy_end (g, error);
}

static gboolean
write_cases (Gen     *g,
             GError **error)
{
  g_autofree guint *serial = g_new0 (guint, N_UNITS * 64);

  set_stage (g, _("Writing cases"), 0.6);
  if (!copy_begin (g, "COPY homeward.abduction_case (id, created_at, updated_at, case_number, child_id, "
                      "abducted_at, abducted_at_precision, place_text, region_code, latitude, longitude, "
                      "circumstances, status, status_reason, status_changed_at, priority, "
                      "assigned_officer_id, unit_id, search) FROM STDIN", error))
    return FALSE;

  for (guint k = 0; k < g->n_cases; k++)
    {
      CasePlan cp;
      int year;
      const char *reason = NULL;

      plan_case (g, k, &cp);
      year = year_of (cp.reported_at);

      f_int (g, cp.id);
      f_time (g, cp.reported_at);
      f_time (g, MAX (cp.reported_at, cp.status_changed_at));
      g_string_assign (g->tmp, units[cp.unit].code);
      g_string_append_c (g->tmp, '-');
      append_int (g->tmp, year);
      g_string_append_c (g->tmp, '-');
      append_padded (g->tmp, ++serial[cp.unit * 64 + CLAMP (year - 2000, 0, 63)], 4);
      f_text (g, g->tmp->str);
      search_add (g, g->tmp->str);
      f_int (g, g->person_base + k);
      f_time (g, cp.abducted_at);
      f_text (g, precision_names[cp.abducted_precision]);
      g_string_truncate (g->tmp, 0);
      append_place_text (g->tmp, &places[cp.place], case_spots[cp.spot]);
      f_text (g, g->tmp->str);
      search_add (g, g->tmp->str);
      f_text (g, places[cp.place].code);
      f_double (g, "%.6f", cp.lat);
      f_double (g, "%.6f", cp.lon);
      g_string_truncate (g->tmp, 0);
      append_circumstances (g->tmp, &cp);
      f_text (g, g->tmp->str);
      search_add (g, g->tmp->str);
      f_text (g, case_status_names[cp.status]);
      if (cp.status == CASE_COLD)
        reason = cold_reasons[cp.reason % G_N_ELEMENTS (cold_reasons)];
      else if (cp.status == CASE_CLOSED)
        reason = cp.closed_after_reunion ? closed_reasons[cp.reason % G_N_ELEMENTS (closed_reasons)]
                                         : closed_other_reasons[cp.reason % G_N_ELEMENTS (closed_other_reasons)];
      f_text (g, reason);
      f_time (g, cp.status_changed_at);
      f_text (g, priority_names[cp.priority]);
      f_id (g, cp.officer != G_MAXUINT ? officer_at (g, cp.officer)->id : 0);
      f_int (g, g->unit_id[cp.unit]);
      f_search (g);
      if (!row_end (g, error))
        return FALSE;
    }

  return copy_end (g, error);
}

static gboolean
write_families (Gen     *g,
                GError **error)
{
  set_stage (g, _("Writing families"), 0.4);
  if (!copy_begin (g, "COPY homeward.family_member (id, created_at, updated_at, case_id, person_id, "
                      "relationship, phone, address, dna_given, consent_contact, consent_dna, "
                      "consent_publish, search) FROM STDIN", error))
    return FALSE;

  for (guint k = 0; k < g->n_cases; k++)
    {
      CasePlan cp;

      plan_case (g, k, &cp);
      for (guint i = 0; i < cp.n_family; i++)
        {
          Relative rel;
          Rng phone_rng;
          const char *phone;

          plan_relative (g, &cp, i, &rel);
          phone_rng = rng_for (g->seed, S_FAMILY, G_GUINT64_CONSTANT (1) << 36 | rel.phone_seed);
          f_int (g, g->family_base + g->fam_first[k] + i);
          f_time (g, cp.reported_at);
          f_time (g, cp.reported_at);
          f_int (g, cp.id);
          f_int (g, g->person_base + g->n_cases + g->fam_first[k] + i);
          f_text (g, relationship_names[cp.rel[i]]);
          g_string_truncate (g->tmp, 0);
          append_phone (g->tmp, &phone_rng);
          phone = cp.rel[i] == REL_SIBLING && rng_chance (&phone_rng, 0.6) ? NULL : g->tmp->str;
          f_text (g, phone);
          search_add (g, phone);
          hw_search_tokens_add_phone_digits (g->search, phone);
          g_string_truncate (g->tmp, 0);
          append_address (g->tmp, &cp, &rel);
          f_text (g, g->tmp->str);
          search_add (g, g->tmp->str);
          f_bool (g, cp.dna_given[i]);
          f_bool (g, rel.consent_contact);
          f_bool (g, cp.dna_given[i]);
          f_bool (g, rel.consent_publish);
          f_search (g);
          if (!row_end (g, error))
            return FALSE;
        }
    }

  return copy_end (g, error);
}

static gboolean
write_contacts (Gen     *g,
                GError **error)
{
  static const char * const channels[] = { "phone", "visit", "message", "video", "letter" };
  static const guint channel_w[] = { 60, 20, 15, 3, 2 };
  static const char * const summaries[] = {
    "电话回访家属，通报案件最新进展。", "上门走访，补充采集孩子近照及体貌特征。",
    "家属反映在网上看到疑似孩子的照片，已记录并转交核查。", "告知家属DNA已录入全国打拐DNA数据库。",
    "家属询问侦查进展，做好安抚工作。", "核实家属联系方式及现住址有无变化。",
    "向家属了解孩子走失前接触过的陌生人情况。", "家属提供新的线索，已登记。",
  };
  static const char * const outcomes[] = {
    "家属情绪稳定", "已更新联系方式", "已登记新线索", "家属表示理解", "未能联系上，留言", NULL,
  };
  static const char * const next_steps[] = {
    "一个月后再次回访", "核查家属提供的线索", "比对新入库的DNA数据", NULL,
  };

  set_stage (g, _("Writing family contacts"), 0.15);
  if (!copy_begin (g, "COPY homeward.contact_event (created_at, updated_at, case_id, family_member_id, "
                      "occurred_at, officer_id, channel, summary, outcome, next_step) FROM STDIN", error))
    return FALSE;

  for (guint k = 0; k < g->n_cases; k++)
    {
      Rng rng = rng_for (g->seed, S_CONTACT, k);
      CasePlan cp;
      gint64 times[8];
      gint64 end;
      guint n;

      plan_case (g, k, &cp);
      switch (cp.status)
        {
        case CASE_OPEN: n = 1 + rng_below (&rng, 2); break;
        case CASE_INVESTIGATING: n = 1 + rng_below (&rng, 4); break;
        case CASE_COLD: n = 2 + rng_below (&rng, 5); break;
        default: n = 3 + rng_below (&rng, 6); break;
        }
      end = cp.closed_at != NO_TIME ? cp.closed_at : g->reference;
      for (guint i = 0; i < n; i++)
        times[i] = cp.reported_at + (gint64) (rng_double (&rng) * (double) (end - cp.reported_at));
      for (guint i = 1; i < n; i++)
        for (guint x = i; x > 0 && times[x - 1] > times[x]; x--)
          {
            gint64 t = times[x];

            times[x] = times[x - 1];
            times[x - 1] = t;
          }

      for (guint i = 0; i < n; i++)
        {
          guint officer = cp.officer != G_MAXUINT && rng_chance (&rng, 0.8) ? cp.officer : pick_officer (g, &rng, cp.unit);

          f_time (g, times[i]);
          f_time (g, times[i]);
          f_int (g, cp.id);
          if (rng_chance (&rng, 0.85))
            f_int (g, g->family_base + g->fam_first[k] + rng_below (&rng, cp.n_family));
          else
            f_null (g);
          f_time (g, times[i]);
          f_int (g, officer_at (g, officer)->id);
          f_text (g, channels[rng_weighted (&rng, channel_w, G_N_ELEMENTS (channel_w))]);
          f_text (g, summaries[rng_below (&rng, G_N_ELEMENTS (summaries))]);
          f_text (g, outcomes[rng_below (&rng, G_N_ELEMENTS (outcomes))]);
          f_text (g, next_steps[rng_below (&rng, G_N_ELEMENTS (next_steps))]);
          if (!row_end (g, error))
            return FALSE;
        }
    }

  return copy_end (g, error);
}

/* ---------------------------------------------------------------------------
 * Sightings
 * ------------------------------------------------------------------------- */

typedef struct
{
  guint        j;
  SightBasic   basic;
  gboolean     member;        /* a repost, not its group's primary */
  guint        source;        /* whose content this sighting repeats */
  guint8       channel;
  SightContent content;
  gint64       received_at;
  gint64       observed_at;
  guint8       status;
  gint64       status_changed_at;
  guint8       priority;
  guint        officer;       /* G_MAXUINT: nobody */
  guint        unit;
  const Link  *link;
} SightRow;

static const char * const status_reasons[][2] = {
  { NULL, NULL },
  { "信息较完整，已初步研判", "已电话回访举报人核实细节" },
  { "已派员实地核查", "已协调属地派出所协助核查" },
  { "经DNA比对确认", "经辨认及DNA比对确认" },
  { "与在案失踪儿童比对无匹配", "实地核查未发现该儿童" },
  { "经核实孩子与亲生父母同行，非被拐儿童", "经核实为正常务工家庭子女" },
  { "与此前线索重复（同一照片的转发）", "与已登记线索为同一事件" },
};

static void
sighting_row (Gen      *g,
              guint     j,
              SightRow *row)
{
  Rng rng = rng_for (g->seed, S_SIGHT_ROW, j);
  gint32 group = g->group_of[j];
  gint64 age_days;
  guint8 status;

  memset (row, 0, sizeof *row);
  row->j = j;
  sighting_basic (g, j, &row->basic);
  row->member = group >= 0 && g_array_index (g->groups, Group, group).primary != j;
  row->source = group >= 0 ? g_array_index (g->groups, Group, group).primary : j;
  row->channel = row->basic.channel;
  if (row->member)
    row->channel = (guint8) rng_weighted (&rng, (const guint[]) { 10, 80, 0, 0, 10, 0, 0 }, N_CHANNELS);
  else
    (void) rng_next (&rng);
  sighting_content (g, row->source, g->truth[j], &row->content);
  row->received_at = sighting_received (g, j);
  row->observed_at = sighting_observed (g, j);
  row->unit = places[row->content.place].unit;
  row->link = g->link_of[j] >= 0 ? &g_array_index (g->links, Link, g->link_of[j]) : NULL;

  /* recent tips wait in the inbox; old ones were dealt with */
  age_days = (g->reference - row->received_at) / SECONDS_PER_DAY;
  if (age_days < 3)
    status = (guint8) rng_weighted (&rng, (const guint[]) { 80, 18, 2, 0, 0, 0, 0 }, 7);
  else if (age_days < 30)
    status = (guint8) rng_weighted (&rng, (const guint[]) { 45, 35, 10, 0, 6, 3, 1 }, 7);
  else if (age_days < 365)
    status = (guint8) rng_weighted (&rng, (const guint[]) { 5, 25, 10, 0, 41, 13, 6 }, 7);
  else
    status = (guint8) rng_weighted (&rng, (const guint[]) { 1, 8, 3, 0, 60, 22, 6 }, 7);

  if (row->link != NULL)
    {
      if (row->link->withdrawn)
        status = SIGHT_NO_MATCH;
      else if (row->link->designated)
        status = row->link->confidence == CONF_CONFIRMED ? SIGHT_CONFIRMED : SIGHT_VERIFYING;
      else
        status = row->link->confidence == CONF_PROBABLE ? SIGHT_VERIFYING : SIGHT_TRIAGED;
    }
  else if (row->member && age_days >= 3 && rng_chance (&rng, 0.7))
    status = SIGHT_DUPLICATE;
  else
    (void) rng_next (&rng);
  row->status = status;

  row->status_changed_at = row->received_at;
  if (status != SIGHT_NEW)
    {
      row->status_changed_at = row->received_at + rng_range (&rng, 1800, 10 * SECONDS_PER_DAY);
      row->status_changed_at = MIN (row->status_changed_at, g->reference);
    }
  else
    (void) rng_next (&rng);
  if (row->link != NULL)
    row->status_changed_at = MIN (g->reference, MAX (row->status_changed_at, row->link->linked_at + 600));

  if ((row->content.contexts & ((1u << CX_DRUGGED) | (1u << CX_INJURED))) || row->content.age_max <= 3)
    row->priority = rng_chance (&rng, 0.4) ? 0 : 1;
  else
    row->priority = (guint8) rng_weighted (&rng, (const guint[]) { 5, 20, 65, 10 }, 4);

  row->officer = G_MAXUINT;
  if (row->link != NULL)
    row->officer = row->link->officer;
  else if (rng_chance (&rng, status == SIGHT_NEW ? 0.15 : 0.9))
    row->officer = pick_officer (g, &rng, row->unit);
}

static void
append_handle (GString *s,
               Rng     *rng)
{
  static const char * const heads[] = {
    "晴天", "小雨", "阳光", "路人", "热心市民", "随手拍", "寻亲", "守望", "微光", "老周", "小李", "城市",
    "夜归人", "蓝莓", "向日葵", "山海",
  };
  static const char * const tails[] = {
    "小雨", "在路上", "看世界", "志愿者", "的日常", "_sz", "_gz", "同学", "妈妈", "爸爸", "", "",
  };

  g_string_append_c (s, '@');
  g_string_append (s, heads[rng_below (rng, G_N_ELEMENTS (heads))]);
  g_string_append (s, tails[rng_below (rng, G_N_ELEMENTS (tails))]);
  if (rng_chance (rng, 0.5))
    append_int (s, rng_below (rng, 10000));
}

static gboolean
write_groups (Gen     *g,
              GError **error)
{
  set_stage (g, _("Writing repost groups"), 0.1);
  if (!copy_begin (g, "COPY homeward.repost_group (id, created_at, updated_at, primary_sighting_id, "
                      "repost_count, first_seen_at, last_seen_at) FROM STDIN", error))
    return FALSE;

  for (guint i = 0; i < g->groups->len; i++)
    {
      const Group *gr = &g_array_index (g->groups, Group, i);
      gint64 first = sighting_received (g, gr->primary);
      gint64 last = sighting_received (g, gr->last);

      f_int (g, g->group_base + i);
      f_time (g, first);
      f_time (g, last);
      f_int (g, g->sighting_base + gr->primary);
      f_int (g, gr->size);
      f_time (g, first);
      f_time (g, last);
      if (!row_end (g, error))
        return FALSE;
    }

  return copy_end (g, error);
}

static gboolean
write_sightings (Gen     *g,
                 GError **error)
{
  g_autofree guint *serial = g_new0 (guint, N_CHANNELS * N_UNITS * 64);
  static const char * const partners[] = {
    "寻亲公益志愿者联盟", "儿童救助公益基金会", "铁路公安处", "民政局救助管理站", "流浪儿童救助中心",
  };
  gint64 epoch_2010 = time_from_civil (2010, 1, 1);

  set_stage (g, _("Writing sightings"), 1.0);
  if (!copy_begin (g, "COPY homeward.sighting (id, created_at, updated_at, received_at, channel, source_ref, "
                      "reporter_name, reporter_contact, reporter_anonymous, observed_at, place_text, "
                      "region_code, latitude, longitude, description, apparent_age_min, apparent_age_max, "
                      "apparent_sex, context, status, status_reason, status_changed_at, priority, "
                      "triage_deadline, assigned_officer_id, unit_id, repost_group_id, search) FROM STDIN",
                  error))
    return FALSE;

  for (guint j = 0; j < g->n_sightings; j++)
    {
      Rng rng = rng_for (g->seed, S_SIGHT_ROW, G_GUINT64_CONSTANT (1) << 36 | j);
      SightRow row;
      const char *context[N_CONTEXTS];
      guint n_context = 0;
      int year;
      guint *counter;
      guint64 uid = 1000000000 + rng_below (&rng, 2000000000);
      gboolean anonymous = FALSE;
      guint reason;
      gsize source_ref;

      sighting_row (g, j, &row);
      year = year_of (row.received_at);
      counter = &serial[(row.channel * N_UNITS + row.unit) * 64 + CLAMP (year - 2000, 0, 63)];

      f_int (g, g->sighting_base + j);
      f_time (g, row.received_at);
      f_time (g, row.status_changed_at);
      f_time (g, row.received_at);
      f_text (g, channel_names[row.channel]);

      /* source reference: unique per channel; nothing in it needs escaping */
      col (g);
      source_ref = g->buf->len;
      switch (row.channel)
        {
        case CH_HOTLINE:
          counter = &serial[(row.channel * N_UNITS) * 64 + CLAMP (year - 2000, 0, 63)];
          g_string_append (g->buf, "HL-");
          append_int (g->buf, year);
          g_string_append_c (g->buf, '-');
          append_padded (g->buf, ++*counter, 6);
          break;
        case CH_MICROBLOG:
          g_string_append (g->buf, "https://weibo.example/");
          append_int (g->buf, (gint64) uid);
          g_string_append (g->buf, "/status/");
          append_int (g->buf, G_GINT64_CONSTANT (3400000000000000) + ((row.received_at - epoch_2010) << 12) + (j & 4095));
          break;
        case CH_PATROL:
        case CH_WALK_IN:
          g_string_append (g->buf, row.channel == CH_PATROL ? "PT-" : "WI-");
          g_string_append (g->buf, units[row.unit].code);
          g_string_append_c (g->buf, '-');
          append_int (g->buf, year);
          g_string_append_c (g->buf, '-');
          append_padded (g->buf, ++*counter, 5);
          break;
        default:
          counter = &serial[(row.channel * N_UNITS) * 64 + CLAMP (year - 2000, 0, 63)];
          g_string_append (g->buf, row.channel == CH_WEB_FORM ? "WF-" : row.channel == CH_PARTNER ? "PA-" : "IMP-");
          append_int (g->buf, year);
          g_string_append_c (g->buf, '-');
          append_padded (g->buf, ++*counter, 6);
          break;
        }
      hw_search_tokens_add (g->search, g->buf->str + source_ref, g->buf->len - source_ref);

      /* reporter */
      g_string_truncate (g->tmp, 0);
      g_string_truncate (g->tmp2, 0);
      switch (row.channel)
        {
        case CH_MICROBLOG:
          append_handle (g->tmp, &rng);
          g_string_append (g->tmp2, "https://weibo.example/u/");
          append_int (g->tmp2, (gint64) uid);
          break;
        case CH_PATROL:
          g_string_append (g->tmp, officer_at (g, pick_officer (g, &rng, row.unit))->name);
          break;
        case CH_PARTNER:
          g_string_append (g->tmp, partners[rng_below (&rng, G_N_ELEMENTS (partners))]);
          append_phone (g->tmp2, &rng);
          break;
        case CH_IMPORT:
          break;
        default:
          anonymous = rng_chance (&rng, row.channel == CH_WALK_IN ? 0.05 : row.channel == CH_HOTLINE ? 0.2 : 0.3);
          if (!anonymous)
            {
              Name name;

              draw_name (g, &rng, rng_chance (&rng, 0.5), -1, &name);
              append_full_name (g->tmp, &name);
              if (row.channel == CH_WEB_FORM && rng_chance (&rng, 0.5))
                {
                  g_string_append (g->tmp2, surnames[name.surname].latin);
                  g_string_ascii_down (g->tmp2);
                  g_string_replace (g->tmp2, "ü", "v", 0);
                  append_int (g->tmp2, rng_below (&rng, 1000));
                  g_string_append (g->tmp2, "@example.com");
                }
              else
                append_phone (g->tmp2, &rng);
            }
          break;
        }
      f_text (g, g->tmp->len > 0 ? g->tmp->str : NULL);
      f_text (g, g->tmp2->len > 0 ? g->tmp2->str : NULL);
      f_bool (g, anonymous);
      search_add (g, g->tmp->len > 0 ? g->tmp->str : NULL);
      search_add (g, g->tmp2->len > 0 ? g->tmp2->str : NULL);
      hw_search_tokens_add_phone_digits (g->search, g->tmp2->len > 0 ? g->tmp2->str : NULL);

      f_time (g, row.observed_at);
      g_string_truncate (g->tmp, 0);
      append_place_text (g->tmp, &places[row.content.place], sighting_spots[row.content.spot]);
      f_text (g, g->tmp->str);
      search_add (g, g->tmp->str);
      f_text (g, places[row.content.place].code);
      f_double (g, "%.6f", row.content.lat);
      f_double (g, "%.6f", row.content.lon);

      g_string_truncate (g->tmp, 0);
      if (row.member)
        {
          if (rng_chance (&rng, 0.5))
            g_string_append (g->tmp, "转发：");
          else
            {
              g_string_append (g->tmp, "//");
              append_handle (g->tmp, &rng);
              g_string_append (g->tmp, "：求扩散！");
            }
        }
      append_description (g->tmp, &row.content, row.basic.channel);
      f_text (g, g->tmp->str);
      search_add (g, g->tmp->str);
      f_int (g, row.content.age_min);
      f_int (g, row.content.age_max);
      f_text (g, row.content.sex == 0 ? "male" : row.content.sex == 1 ? "female" : "unknown");
      for (guint i = 0; i < N_CONTEXTS; i++)
        if (row.content.contexts & (1u << i))
          context[n_context++] = context_names[i];
      f_array (g, context, n_context);

      f_text (g, sighting_status_names[row.status]);
      /* a duplicate outside a repost group repeats another tip's event */
      reason = rng_below (&rng, 2);
      if (row.status == SIGHT_DUPLICATE)
        reason = row.member ? 0 : 1;
      f_text (g, status_reasons[row.status][reason]);
      f_time (g, row.status_changed_at);
      f_text (g, priority_names[row.priority]);
      /* what the trigger would set: received_at + homeward.triage_interval(priority) */
      f_time (g, row.received_at + triage_hours[row.priority] * 3600);
      f_id (g, row.officer != G_MAXUINT ? officer_at (g, row.officer)->id : 0);
      f_int (g, g->unit_id[row.unit]);
      f_id (g, g->group_of[j] >= 0 ? g->group_base + g->group_of[j] : 0);
      f_search (g);
      if (!row_end (g, error))
        return FALSE;
    }

  return copy_end (g, error);
}

static gboolean
write_found_children (Gen     *g,
                      GError **error)
{
  guint n_family = g->fam_first[g->n_cases];

  set_stage (g, _("Writing found children"), 0.3);
  if (!copy_begin (g, "COPY homeward.found_child (id, created_at, updated_at, person_id, unit_id, found_at, "
                      "found_at_precision, found_place_text, region_code, latitude, longitude, sighting_id, "
                      "care_institution, care_contact, apparent_age_min, apparent_age_max, matched_case_id) "
                      "FROM STDIN", error))
    return FALSE;

  for (guint i = 0; i < g->found->len; i++)
    {
      const FoundChild *fc = &g_array_index (g->found, FoundChild, i);
      Rng rng = rng_for (g->seed, S_FOUND, G_GUINT64_CONSTANT (2) << 36 | i);
      gint64 matched = 0;
      gint64 updated = fc->found_at + 3600;

      if (fc->k >= 0)
        {
          CasePlan cp;

          /* found by following the case; DNA confirms it or is awaited */
          plan_case (g, (guint) fc->k, &cp);
          matched = cp.id;
          if (cp.dna_done)
            updated = cp.dna_reported_at;
        }

      f_int (g, g->found_base + i);
      f_time (g, fc->found_at + 3600);
      f_time (g, updated);
      f_int (g, g->person_base + g->n_cases + n_family + i);
      f_int (g, g->unit_id[fc->unit]);
      f_time (g, fc->found_at);
      f_text (g, "day");
      g_string_truncate (g->tmp, 0);
      append_place_text (g->tmp, &places[fc->place], sighting_spots[rng_below (&rng, G_N_ELEMENTS (sighting_spots))]);
      f_text (g, g->tmp->str);
      f_text (g, places[fc->place].code);
      f_double (g, "%.6f", fc->lat);
      f_double (g, "%.6f", fc->lon);
      f_id (g, fc->j >= 0 ? g->sighting_base + fc->j : 0);
      g_string_assign (g->tmp, places[fc->place].short_name);
      g_string_append (g->tmp, rng_chance (&rng, 0.6) ? "儿童福利院" : "救助管理站");
      f_text (g, g->tmp->str);
      g_string_assign (g->tmp, "值班电话 ");
      append_phone (g->tmp, &rng);
      f_text (g, g->tmp->str);
      f_int (g, fc->age_min);
      f_int (g, fc->age_max);
      f_id (g, matched);
      if (!row_end (g, error))
        return FALSE;
    }

  return copy_end (g, error);
}

static gboolean
write_photo (Gen          *g,
             gint32        code,
             gint64        created_at,
             gint64        case_id,
             gint64        sighting_id,
             gint64        found_id,
             const char   *source_url,
             gint64        taken_at,
             GError      **error)
{
  const HwDemoImage *image = pool_get (g, code, error);

  if (image == NULL)
    return FALSE;

  f_time (g, created_at);
  f_time (g, created_at);
  f_id (g, case_id);
  f_id (g, sighting_id);
  f_id (g, found_id);
  f_bytes (g, image->content);
  f_text (g, "image/jpeg");
  f_bytea (g, image->sha256, sizeof image->sha256);
  f_int (g, hw_image_hash_to_db (image->phash));
  f_int (g, hw_image_hash_to_db (image->dhash));
  f_int (g, image->width);
  f_int (g, image->height);
  f_bytes (g, image->thumbnail);
  f_text (g, source_url);
  f_time (g, taken_at);

  return row_end (g, error);
}

static gboolean
write_photos (Gen     *g,
              GError **error)
{
  set_stage (g, _("Writing photos"), 2.0);
  if (!copy_begin (g, "COPY homeward.photo (created_at, updated_at, case_id, sighting_id, found_child_id, "
                      "content, mime_type, sha256, phash, dhash, width, height, thumbnail, source_url, taken_at) FROM STDIN",
                   error))
    return FALSE;

  for (guint k = 0; k < g->n_cases; k++)
    {
      Rng rng = rng_for (g->seed, S_PHOTO, G_GUINT64_CONSTANT (1) << 37 | k);
      CasePlan cp;
      gint64 taken;

      if (g->case_photo[k] < 0)
        continue;

      plan_case (g, k, &cp);
      /* a family photo from before the child was taken */
      taken = cp.abducted_exact - (gint64) (rng_double (&rng) * MIN (365.0, cp.age * 365.0 + 30) * SECONDS_PER_DAY);
      if (!write_photo (g, g->case_photo[k], cp.reported_at, cp.id, 0, 0, NULL,
                        rng_chance (&rng, 0.5) ? taken : NO_TIME, error))
        return FALSE;
    }

  for (guint j = 0; j < g->n_sightings; j++)
    {
      Rng rng = rng_for (g->seed, S_PHOTO, G_GUINT64_CONSTANT (2) << 37 | j);
      g_autofree char *url = NULL;
      SightBasic b;
      gint64 received;

      if (g->photo_of[j] < 0)
        continue;

      sighting_basic (g, j, &b);
      received = sighting_received (g, j);
      if (b.channel == CH_MICROBLOG || g->group_of[j] >= 0)
        url = g_strdup_printf ("https://wx.weibo.example/large/%016" G_GINT64_MODIFIER "x.jpg",
                               (gint64) (rng_next (&rng) >> 1));
      if (!write_photo (g, g->photo_of[j], received, 0, g->sighting_base + j, 0, url,
                        rng_chance (&rng, 0.6) ? sighting_observed (g, j) : NO_TIME, error))
        return FALSE;
    }

  for (guint i = 0; i < g->found->len; i++)
    {
      const FoundChild *fc = &g_array_index (g->found, FoundChild, i);

      if (!write_photo (g, fc->photo, fc->found_at + 3600, 0, 0, g->found_base + i, NULL,
                        fc->found_at + 1800, error))
        return FALSE;
    }

  return copy_end (g, error);
}

/* ---------------------------------------------------------------------------
 * Links and verification steps
 * ------------------------------------------------------------------------- */

static void
append_rationale (GString            *s,
                  const Link         *link,
                  const SightContent *sc,
                  const CasePlan     *cp)
{
  if (link->withdrawn)
    {
      g_string_append (s, "体貌特征部分相符，年龄段接近，待进一步核实。");
      return;
    }

  g_string_append (s, sc->sex == 2 ? "性别不详；" : "性别相符；");
  g_string_append (s, "年龄相符（");
  append_int (s, sc->age_min);
  g_string_append (s, "至");
  append_int (s, sc->age_max);
  g_string_append (s, "岁）；");
  if (sc->mark >= 0)
    {
      g_string_append (s, "描述提到“");
      g_string_append (s, marks[sc->mark]);
      g_string_append (s, "”，与案件记录一致；");
    }
  if (sc->place == cp->place)
    g_string_append (s, "发现地点在案发地附近；");
  else
    g_string_append (s, "发现地点位于常见拐卖路线上；");
  if (link->confidence == CONF_CONFIRMED)
    g_string_append (s, "DNA比对支持亲缘关系。");
  else if (link->confidence == CONF_PROBABLE)
    g_string_append (s, "照片比对相似，待DNA比对。");
  else
    g_string_append (s, "需进一步核实。");
}

static gboolean
write_links (Gen     *g,
             GError **error)
{
  static const char * const withdrawn_reasons[] = {
    "DNA比对排除亲缘关系", "经现场核实，孩子随亲生父母生活", "照片比对确认非同一人",
  };

  set_stage (g, _("Writing links"), 0.3);
  if (!copy_begin (g, "COPY homeward.case_link (id, created_at, updated_at, sighting_id, case_id, confidence, "
                      "rationale, linked_by, linked_at, state, withdrawn_reason) FROM STDIN", error))
    return FALSE;

  for (guint l = 0; l < g->links->len; l++)
    {
      const Link *link = &g_array_index (g->links, Link, l);
      Rng rng = rng_for (g->seed, S_LINK, G_GUINT64_CONSTANT (1) << 36 | l);
      SightContent sc;
      CasePlan cp;
      gint64 withdrawn_at = link->linked_at + rng_range (&rng, SECONDS_PER_DAY, 20 * SECONDS_PER_DAY);

      withdrawn_at = MIN (withdrawn_at, g->reference);
      plan_case (g, link->k, &cp);
      sighting_content (g, link->j, g->truth[link->j], &sc);
      f_int (g, g->link_base + l);
      f_time (g, link->linked_at);
      f_time (g, link->withdrawn ? withdrawn_at : link->linked_at);
      f_int (g, g->sighting_base + link->j);
      f_int (g, cp.id);
      f_text (g, confidence_names[link->confidence]);
      g_string_truncate (g->tmp, 0);
      append_rationale (g->tmp, link, &sc, &cp);
      f_text (g, g->tmp->str);
      f_int (g, officer_at (g, link->officer)->id);
      f_time (g, link->linked_at);
      f_text (g, link->withdrawn ? "withdrawn" : "active");
      f_text (g, link->withdrawn ? withdrawn_reasons[rng_below (&rng, G_N_ELEMENTS (withdrawn_reasons))] : NULL);
      if (!row_end (g, error))
        return FALSE;
    }

  return copy_end (g, error);
}

typedef struct
{
  const char *kind;
  const char *outcome;
  const char *notes;
} StepText;

static gboolean
write_step (Gen          *g,
            gint64        sighting_id,
            gint64        link_id,
            gint64        case_id,
            const char   *kind,
            const char   *outcome,
            const char   *notes,
            guint         officer,
            gint64        at,
            Rng          *rng,
            GError      **error)
{
  gint64 id = g->step_base + (gint64) g->n_steps++;

  at = MIN (at, g->reference);
  f_int (g, id);
  f_time (g, at);
  f_time (g, at);
  f_id (g, sighting_id);
  f_id (g, link_id);
  f_id (g, case_id);
  f_text (g, kind);
  f_text (g, outcome);
  f_text (g, notes);
  f_int (g, officer_at (g, officer)->id);
  f_time (g, at);
  f_null (g);
  if (!row_end (g, error))
    return FALSE;

  /* now and then an officer corrects an entry with a new one */
  if (rng_chance (rng, 0.003))
    {
      f_int (g, g->step_base + (gint64) g->n_steps++);
      f_time (g, MIN (at + 7200, g->reference));
      f_time (g, MIN (at + 7200, g->reference));
      f_id (g, sighting_id);
      f_id (g, link_id);
      f_id (g, case_id);
      f_text (g, "note");
      f_text (g, NULL);
      f_text (g, "更正：上一条记录的核查时间有误，以本条为准。");
      f_int (g, officer_at (g, officer)->id);
      f_time (g, MIN (at + 7200, g->reference));
      f_int (g, id);
      if (!row_end (g, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_steps (Gen     *g,
             GError **error)
{
  static const StepText other_steps[] = {
    { "field_check", "未见该儿童", "民警赶到现场，未发现举报所述儿童。" },
    { "field_check", "排除", "经现场核实，孩子随亲生父母外出务工。" },
    { "note", NULL, "已电话联系举报人补充细节。" },
    { "rejected", "信息不足", "举报内容无法核实，暂不处理。" },
    { "photo_comparison", "不一致", "与在案失踪儿童照片比对，无相似对象。" },
  };
  static const StepText duplicate_step = { "note", NULL, "同一照片的转发，归入转发组。" };

  set_stage (g, _("Writing verification steps"), 0.15);
  if (!copy_begin (g, "COPY homeward.verification_step (id, created_at, updated_at, sighting_id, link_id, "
                      "case_id, kind, outcome, notes, performed_by, performed_at, corrects_step_id) FROM STDIN",
                   error))
    return FALSE;

  for (guint j = 0; j < g->n_sightings; j++)
    {
      Rng rng = rng_for (g->seed, S_STEP, j);
      gint64 sid = g->sighting_base + j;
      SightRow row;

      if (g->link_of[j] < 0 && g->group_of[j] < 0 && !rng_chance (&rng, 0.3))
        continue;

      sighting_row (g, j, &row);
      if (row.link != NULL)
        {
          const Link *link = row.link;
          gint64 lid = g->link_base + g->link_of[j];
          CasePlan cp;
          gint64 cid;
          gint64 at = link->linked_at;
          guint officer = link->officer;

          plan_case (g, link->k, &cp);
          cid = cp.id;
          if (!write_step (g, sid, lid, cid, "photo_comparison", link->withdrawn ? "部分相似" : "相似",
                           "将线索照片与案件照片进行比对。", officer, at, &rng, error))
            return FALSE;

          if (link->withdrawn)
            {
              if (!write_step (g, sid, lid, cid, "rejected", "排除", "经核实非同一儿童，撤销关联。", officer,
                               at + rng_range (&rng, SECONDS_PER_DAY, 20 * SECONDS_PER_DAY), &rng, error))
                return FALSE;
              continue;
            }
          if (link->confidence == CONF_POSSIBLE)
            continue;

          if (!write_step (g, sid, lid, cid, "field_check", "找到该儿童", "协调属地派出所实地查找，找到该儿童。",
                           officer, at + SECONDS_PER_DAY, &rng, error) ||
              !write_step (g, sid, lid, cid, "identity_check", "身份存疑", "该儿童无合法户籍登记，收养手续不全。",
                           officer, at + 2 * SECONDS_PER_DAY, &rng, error))
            return FALSE;

          if (!link->designated)
            continue;

          if (!write_step (g, sid, lid, cid, "child_located", "已解救", "儿童已解救并送往福利机构临时安置。",
                           officer, cp.found_at, &rng, error) ||
              !write_step (g, sid, lid, cid, "dna_sample_collected", "已采集", "采集儿童血样，送检比对。",
                           officer, cp.found_at + 2 * 3600, &rng, error))
            return FALSE;

          if (!cp.dna_done)
            continue;

          if (!write_step (g, sid, lid, cid, "dna_result", "支持亲缘关系", "DNA比对结果支持与报案家属存在亲缘关系。",
                           officer, cp.dna_reported_at, &rng, error) ||
              !write_step (g, sid, lid, cid, "family_contacted", "已通知", "电话通知家属比对结果，安排认亲。",
                           officer, cp.dna_reported_at + 3600, &rng, error))
            return FALSE;

          if (cp.reunion_at != NO_TIME &&
              !write_step (g, sid, lid, cid, "family_identification", "确认", "家属现场辨认，确认为失踪儿童。",
                           officer, cp.reunion_at - 3600, &rng, error))
            return FALSE;
        }
      else if (row.status != SIGHT_NEW)
        {
          const StepText *text = &other_steps[rng_below (&rng, G_N_ELEMENTS (other_steps))];
          guint officer = row.officer != G_MAXUINT ? row.officer : pick_officer (g, &rng, row.unit);

          if (row.status == SIGHT_DUPLICATE)
            text = &duplicate_step;

          if (!write_step (g, sid, 0, 0, text->kind, text->outcome, text->notes, officer,
                           row.status_changed_at, &rng, error))
            return FALSE;
        }
    }

  return copy_end (g, error);
}

/* ---------------------------------------------------------------------------
 * DNA
 * ------------------------------------------------------------------------- */

typedef struct
{
  guint a[N_LOCI][2];   /* repeat numbers in tenths, a[i][0] <= a[i][1] */
} Profile;

static guint
draw_allele (Rng   *rng,
             guint  locus)
{
  const Locus *l = &loci[locus];
  double total = 0, x;
  guint n = 0;

  while (n < G_N_ELEMENTS (l->alleles) && l->alleles[n] > 0)
    total += l->weights[n++];

  x = rng_double (rng) * total;
  for (guint i = 0; i < n; i++)
    {
      if (x < l->weights[i])
        return (guint) lround (l->alleles[i] * 10);
      x -= l->weights[i];
    }

  return (guint) lround (l->alleles[n - 1] * 10);
}

static double
allele_frequency (guint locus,
                  guint tenths)
{
  const Locus *l = &loci[locus];
  double total = 0, weight = 0;

  for (guint i = 0; i < G_N_ELEMENTS (l->alleles) && l->alleles[i] > 0; i++)
    {
      total += l->weights[i];
      if ((guint) lround (l->alleles[i] * 10) == tenths)
        weight = l->weights[i];
    }

  return weight / total;
}

static void
sort_pair (guint *pair)
{
  if (pair[0] > pair[1])
    {
      guint t = pair[0];

      pair[0] = pair[1];
      pair[1] = t;
    }
}

/* A parent's profile exists even when the parent gave no sample: the child
 * inherits from both. */
static void
parent_profile (Gen     *g,
                guint    k,
                guint    kind,
                Profile *p)
{
  Rng rng = rng_for (g->seed, S_DNA, G_GUINT64_CONSTANT (1) << 38 | (guint64) k << 2 | kind);

  for (guint i = 0; i < N_LOCI; i++)
    {
      p->a[i][0] = draw_allele (&rng, i);
      p->a[i][1] = draw_allele (&rng, i);
      sort_pair (p->a[i]);
    }
}

static void
sample_profile (Gen          *g,
                const Sample *s,
                Profile      *p)
{
  if (s->kind != SAMPLE_CHILD)
    parent_profile (g, (guint) s->k, s->kind, p);
  else if (s->k >= 0)
    {
      Rng rng = rng_for (g->seed, S_DNA, G_GUINT64_CONSTANT (2) << 38 | (guint64) s->k);
      Profile father, mother;

      parent_profile (g, (guint) s->k, SAMPLE_FATHER, &father);
      parent_profile (g, (guint) s->k, SAMPLE_MOTHER, &mother);
      for (guint i = 0; i < N_LOCI; i++)
        {
          p->a[i][0] = father.a[i][rng_below (&rng, 2)];
          p->a[i][1] = mother.a[i][rng_below (&rng, 2)];
          sort_pair (p->a[i]);
        }
    }
  else
    {
      Rng rng = rng_for (g->seed, S_DNA, G_GUINT64_CONSTANT (3) << 38 | (guint64) s->fc);

      for (guint i = 0; i < N_LOCI; i++)
        {
          p->a[i][0] = draw_allele (&rng, i);
          p->a[i][1] = draw_allele (&rng, i);
          sort_pair (p->a[i]);
        }
    }
}

static double
transmits (const guint *parent,
           guint        allele)
{
  return 0.5 * (parent[0] == allele) + 0.5 * (parent[1] == allele);
}

/* Combined parentage index of the child against one or both parents, and
 * the number of loci where they disagree. */
static double
combined_index (const Profile *child,
                const Profile *father,
                const Profile *mother,
                guint         *n_inconsistent)
{
  double cpi = 1.0;

  *n_inconsistent = 0;
  for (guint i = 0; i < N_LOCI; i++)
    {
      guint c1 = child->a[i][0], c2 = child->a[i][1];
      double p1 = allele_frequency (i, c1), p2 = allele_frequency (i, c2);
      double pi;

      if (father != NULL && mother != NULL)
        {
          const guint *f = father->a[i], *m = mother->a[i];

          if (c1 == c2)
            pi = transmits (f, c1) * transmits (m, c1) / (p1 * p1);
          else
            pi = (transmits (f, c1) * transmits (m, c2) + transmits (f, c2) * transmits (m, c1)) / (2 * p1 * p2);
        }
      else
        {
          const guint *parent = father != NULL ? father->a[i] : mother->a[i];

          if (c1 == c2)
            pi = transmits (parent, c1) / p1;
          else
            pi = transmits (parent, c1) / (2 * p1) + transmits (parent, c2) / (2 * p2);
        }

      if (pi == 0)
        (*n_inconsistent)++;
      cpi *= pi;
    }

  return cpi;
}

static void
append_lab (GString     *s,
            const Place *place)
{
  g_string_append (s, place->province);
  /* the four municipalities have a bureau, the provinces a department */
  g_string_append (s, g_str_has_suffix (place->province, "市") ? "公安局物证鉴定所" : "公安厅物证鉴定中心");
}

static gboolean
write_samples (Gen     *g,
               GError **error)
{
  set_stage (g, _("Writing DNA samples"), 0.15);
  if (!copy_begin (g, "COPY homeward.dna_sample (id, created_at, updated_at, found_child_id, family_member_id, "
                      "collected_at, collected_by, lab, lab_reference, kit) FROM STDIN", error))
    return FALSE;

  for (guint i = 0; i < g->samples->len; i++)
    {
      const Sample *s = &g_array_index (g->samples, Sample, i);
      const Officer *o = officer_at (g, s->officer);

      f_int (g, g->sample_base + i);
      f_time (g, s->collected_at);
      f_time (g, s->analysed ? s->analysed_at : s->collected_at);
      f_id (g, s->kind == SAMPLE_CHILD ? g->found_base + s->fc : 0);
      f_id (g, s->kind != SAMPLE_CHILD ? g->family_base + s->family : 0);
      f_time (g, s->collected_at);
      f_int (g, o->id);
      g_string_truncate (g->tmp, 0);
      append_lab (g->tmp, &places[g->places_of_unit[o->unit][0]]);
      f_text (g, g->tmp->str);
      col (g);
      g_string_append (g->buf, "DNA-");
      append_int (g->buf, year_of (s->collected_at));
      g_string_append_c (g->buf, '-');
      append_padded (g->buf, i + 1, 6);
      f_text (g, DNA_KIT);
      if (!row_end (g, error))
        return FALSE;
    }

  if (!copy_end (g, error))
    return FALSE;

  set_stage (g, _("Writing DNA chain of custody"), 0.1);
  if (!copy_begin (g, "COPY homeward.dna_custody_event (created_at, updated_at, sample_id, event, occurred_at, "
                      "officer_id, notes) FROM STDIN", error))
    return FALSE;

  for (guint i = 0; i < g->samples->len; i++)
    {
      static const char * const events[] = { "collected", "sealed", "shipped", "received", "analysed" };
      static const char * const notes[] = {
        "现场采集血样，双人在场", "封存于物证袋，封条编号已登记", "经机要通道送检", "实验室签收，封条完好",
        "完成STR分型",
      };
      const Sample *s = &g_array_index (g->samples, Sample, i);
      gint64 at[] = {
        s->collected_at, s->collected_at + 600, s->collected_at + 18 * 3600, s->collected_at + 2 * SECONDS_PER_DAY,
        s->analysed ? s->analysed_at : NO_TIME,
      };

      for (guint e = 0; e < G_N_ELEMENTS (events); e++)
        {
          if (at[e] == NO_TIME || at[e] > g->reference)
            break;

          f_time (g, at[e]);
          f_time (g, at[e]);
          f_int (g, g->sample_base + i);
          f_text (g, events[e]);
          f_time (g, at[e]);
          f_id (g, e < 3 ? officer_at (g, s->officer)->id : 0);
          f_text (g, notes[e]);
          if (!row_end (g, error))
            return FALSE;
        }
    }

  if (!copy_end (g, error))
    return FALSE;

  set_stage (g, _("Writing DNA profiles"), 0.08);
  if (!copy_begin (g, "COPY homeward.dna_str_allele (created_at, updated_at, sample_id, locus, allele1, allele2) "
                      "FROM STDIN", error))
    return FALSE;

  for (guint i = 0; i < g->samples->len; i++)
    {
      const Sample *s = &g_array_index (g->samples, Sample, i);
      Profile p;

      if (!s->analysed)
        continue;

      sample_profile (g, s, &p);
      for (guint l = 0; l < N_LOCI; l++)
        {
          f_time (g, s->analysed_at);
          f_time (g, s->analysed_at);
          f_int (g, g->sample_base + i);
          f_text (g, loci[l].locus);
          f_allele (g, p.a[l][0]);
          f_allele (g, p.a[l][1]);
          if (!row_end (g, error))
            return FALSE;
        }
    }

  return copy_end (g, error);
}

static gboolean
write_comparison (Gen          *g,
                  guint         child,
                  gint          father,
                  gint          mother,
                  gboolean      related,
                  Rng          *rng,
                  GError      **error)
{
  const Sample *cs = &g_array_index (g->samples, Sample, child);
  Profile cp, fp, mp;
  guint n_inconsistent;
  double cpi;
  gint64 reported = MIN (g->reference, cs->analysed_at + SECONDS_PER_DAY);

  sample_profile (g, cs, &cp);
  if (father >= 0)
    sample_profile (g, &g_array_index (g->samples, Sample, father), &fp);
  if (mother >= 0)
    sample_profile (g, &g_array_index (g->samples, Sample, mother), &mp);
  cpi = combined_index (&cp, father >= 0 ? &fp : NULL, mother >= 0 ? &mp : NULL, &n_inconsistent);
  /* A duo below 10,000 on the stored loci: the lab tested more markers
   * (not stored here) before it concluded; its index includes them. */
  if (related && cpi < 10000)
    cpi *= pow (10.0, 2 + 3 * rng_double (rng));

  f_time (g, reported);
  f_time (g, reported);
  f_int (g, g->sample_base + child);
  f_id (g, father >= 0 ? g->sample_base + father : 0);
  f_id (g, mother >= 0 ? g->sample_base + mother : 0);
  /* the lab's own reading (Chinese practice: CPI >= 10,000 supports
   * parentage, three or more inconsistent loci exclude) */
  f_text (g, n_inconsistent >= 3 ? "exclusion" : cpi >= 10000 ? "match" : "inconclusive");
  f_double (g, "%.6g", cpi);
  f_double (g, "%.12f", cpi / (cpi + 1));
  f_null (g);
  f_time (g, reported);
  col (g);
  g_string_append (g->buf, "公（刑技）鉴（DNA）字〔");
  append_int (g->buf, year_of (reported));
  g_string_append (g->buf, "〕");
  append_padded (g->buf, 1 + rng_below (rng, 99999), 5);
  g_string_append (g->buf, "号");

  return row_end (g, error);
}

static gboolean
write_comparisons (Gen     *g,
                   GError **error)
{
  g_autoptr(GArray) unsolved = g_array_new (FALSE, FALSE, sizeof (guint));
  gint father = -1, mother = -1;
  gint32 current = -1;

  set_stage (g, _("Writing DNA comparisons"), 0.2);
  if (!copy_begin (g, "COPY homeward.dna_comparison (created_at, updated_at, child_sample_id, father_sample_id, "
                      "mother_sample_id, conclusion, combined_index, probability, computed_index, reported_at, "
                      "report_reference) FROM STDIN", error))
    return FALSE;

  /* a family's samples come together, parents before the found child */
  for (guint i = 0; i < g->samples->len; i++)
    {
      const Sample *s = &g_array_index (g->samples, Sample, i);
      Rng rng = rng_for (g->seed, S_DNA, G_GUINT64_CONSTANT (4) << 38 | i);

      if (s->k != current)
        {
          current = s->k;
          father = mother = -1;
        }

      if (s->kind == SAMPLE_FATHER)
        father = (gint) i;
      else if (s->kind == SAMPLE_MOTHER)
        mother = (gint) i;

      if (s->kind != SAMPLE_CHILD && s->analysed && s->k >= 0 && g->case_found_time[s->k] == NO_TIME)
        g_array_append_val (unsolved, i);

      if (s->kind == SAMPLE_CHILD && s->k >= 0 && s->analysed && (father >= 0 || mother >= 0))
        if (!write_comparison (g, i, father, mother, TRUE, &rng, error))
          return FALSE;
    }

  /* children nobody has matched yet, screened against families on file */
  for (guint i = 0; i < g->samples->len && unsolved->len > 0; i++)
    {
      const Sample *s = &g_array_index (g->samples, Sample, i);
      Rng rng = rng_for (g->seed, S_DNA, G_GUINT64_CONSTANT (5) << 38 | i);
      guint other;

      if (s->kind != SAMPLE_CHILD || s->k >= 0 || !rng_chance (&rng, 0.5))
        continue;

      other = g_array_index (unsolved, guint, rng_below (&rng, unsolved->len));
      if (!write_comparison (g, i,
                             g_array_index (g->samples, Sample, other).kind == SAMPLE_FATHER ? (gint) other : -1,
                             g_array_index (g->samples, Sample, other).kind == SAMPLE_MOTHER ? (gint) other : -1,
                             FALSE, &rng, error))
        return FALSE;
    }

  return copy_end (g, error);
}

static gboolean
write_allele_frequencies (Gen     *g,
                          GError **error)
{
  const char *params[] = { DNA_KIT, DNA_POPULATION };
  g_autoptr(PGresult) result = exec_params (g, "SELECT 1 FROM homeward.allele_frequency "
                                               "WHERE kit = $1 AND population = $2 LIMIT 1", 2, params, error);

  if (result == NULL)
    return FALSE;
  if (PQntuples (result) > 0)
    return TRUE;

  set_stage (g, _("Writing allele frequencies"), 0);
  if (!copy_begin (g, "COPY homeward.allele_frequency (created_at, updated_at, kit, population, locus, allele, "
                      "frequency) FROM STDIN", error))
    return FALSE;

  for (guint l = 0; l < N_LOCI; l++)
    for (guint i = 0; i < G_N_ELEMENTS (loci[l].alleles) && loci[l].alleles[i] > 0; i++)
      {
        guint tenths = (guint) lround (loci[l].alleles[i] * 10);

        f_time (g, ROSTER_TIME);
        f_time (g, ROSTER_TIME);
        f_text (g, DNA_KIT);
        f_text (g, DNA_POPULATION);
        f_text (g, loci[l].locus);
        f_allele (g, tenths);
        f_double (g, "%.6f", allele_frequency (l, tenths));
        if (!row_end (g, error))
          return FALSE;
      }

  return copy_end (g, error);
}

/* ---------------------------------------------------------------------------
 * Reunions and the ground truth
 * ------------------------------------------------------------------------- */

static gboolean
write_reunions (Gen     *g,
                GError **error)
{
  set_stage (g, _("Writing reunions"), 0.2);
  if (!copy_begin (g, "COPY homeward.reunion (created_at, updated_at, case_id, reunited_on, place, officers, "
                      "family_present, notes, child_decision, proposed_by, signed_off_by, signed_off_at) "
                      "FROM STDIN", error))
    return FALSE;

  for (guint k = 0; k < g->n_cases; k++)
    {
      Rng rng = rng_for (g->seed, S_REUNION, k);
      CasePlan cp;
      guint proposer, second, supervisor;
      gboolean signed_off;
      int age;

      if (g->case_found_time[k] == NO_TIME)
        continue;

      plan_case (g, k, &cp);
      if (cp.reunion_at == NO_TIME)
        continue;

      signed_off = cp.signed_at != NO_TIME;
      proposer = cp.officer != G_MAXUINT ? cp.officer : pick_officer (g, &rng, cp.unit);
      second = pick_officer (g, &rng, cp.unit);
      supervisor = pick_supervisor (g, &rng, cp.unit);
      age = age_at (cp.birth_day, cp.reunion_at);

      f_time (g, cp.reunion_at - SECONDS_PER_DAY);
      f_time (g, signed_off ? cp.signed_at : cp.reunion_at - SECONDS_PER_DAY);
      f_int (g, cp.id);
      f_date (g, local_day (cp.reunion_at));
      g_string_truncate (g->tmp, 0);
      g_string_append (g->tmp, places[cp.place].short_name);
      g_string_append (g->tmp, rng_chance (&rng, 0.5) ? "市公安局认亲现场" : "儿童福利院");
      f_text (g, g->tmp->str);
      col (g);
      g_string_append_c (g->buf, '{');
      append_int (g->buf, officer_at (g, proposer)->id);
      if (second != proposer)
        {
          g_string_append_c (g->buf, ',');
          append_int (g->buf, officer_at (g, second)->id);
        }
      g_string_append_c (g->buf, '}');
      g_string_truncate (g->tmp, 0);
      for (guint i = 0; i < cp.n_family; i++)
        {
          if (i > 0)
            g_string_append (g->tmp, "、");
          g_string_append (g->tmp, relationship_zh[cp.rel[i]]);
        }
      f_text (g, g->tmp->str);
      f_text (g, signed_off ? "孩子情绪稳定，与家人相认，现场移交家属。" : "已与家属约定认亲时间，待主管审核。");
      f_text (g, age >= 16 ? (rng_chance (&rng, 0.85) ? "return" : "not_return") : "not_applicable");
      f_int (g, officer_at (g, proposer)->id);
      f_id (g, signed_off ? officer_at (g, supervisor)->id : 0);
      f_time (g, signed_off ? cp.signed_at : NO_TIME);
      if (!row_end (g, error))
        return FALSE;
    }

  return copy_end (g, error);
}

static gboolean
write_ground_truth (Gen     *g,
                    GError **error)
{
  g_autofree char *comment = NULL;

  /* The demo's answer key: which sightings really are about which case.
   * Owned by homeward_owner with no grants, so officers never see it. */
  if (!exec (g, "CREATE TABLE IF NOT EXISTS homeward.demo_ground_truth ("
                "sighting_id bigint PRIMARY KEY, case_id bigint NOT NULL)", error) ||
      !exec (g, "ALTER TABLE homeward.demo_ground_truth OWNER TO homeward_owner", error) ||
      !exec (g, "REVOKE ALL ON homeward.demo_ground_truth FROM PUBLIC", error))
    return FALSE;

  comment = g_strdup_printf ("COMMENT ON TABLE homeward.demo_ground_truth IS "
                             "'Demo data answer key: the sightings that really are about a case "
                             "(seed %" G_GUINT64_FORMAT ", %u cases, %u sightings)'",
                             g->seed, g->n_cases, g->n_sightings);
  if (!exec (g, comment, error))
    return FALSE;

  set_stage (g, _("Writing the answer key"), 0.05);
  if (!copy_begin (g, "COPY homeward.demo_ground_truth (sighting_id, case_id) FROM STDIN", error))
    return FALSE;

  for (guint j = 0; j < g->n_sightings; j++)
    {
      if (g->truth[j] < 0)
        continue;

      f_int (g, g->sighting_base + j);
      f_int (g, g->case_base + g->truth[j]);
      if (!row_end (g, error))
        return FALSE;
    }

  return copy_end (g, error);
}

/* ---------------------------------------------------------------------------
 * Ids, locks and indexes
 * ------------------------------------------------------------------------- */

/* Tables whose secondary indexes are rebuilt after a big load. */
static const char * const bulk_tables[] = {
  "person", "abduction_case", "family_member", "contact_event", "repost_group", "sighting",
  "found_child", "photo", "case_link", "verification_step", "dna_sample", "dna_custody_event",
  "dna_str_allele", "dna_comparison", "reunion",
};

#define LOCK_TABLES_SQL \
  "LOCK TABLE homeward.person, homeward.abduction_case, homeward.family_member, homeward.contact_event, " \
  "homeward.repost_group, homeward.sighting, homeward.found_child, homeward.photo, homeward.case_link, " \
  "homeward.verification_step, homeward.dna_sample, homeward.dna_custody_event, homeward.dna_str_allele, " \
  "homeward.dna_comparison, homeward.reunion, homeward.allele_frequency IN EXCLUSIVE MODE"

/* Takes the next id of the table's identity; the rows then use base,
 * base + 1, ... and finish_ids() moves the sequence past them. The tables
 * are locked, so nobody else inserts meanwhile. */
static gboolean
reserve_ids (Gen         *g,
             const char  *table,
             gint64      *base,
             GError     **error)
{
  const char *params[] = { table };
  g_autoptr(PGresult) result = exec_params (g, "SELECT nextval(pg_get_serial_sequence($1, 'id'))", 1, params, error);

  if (result == NULL)
    return FALSE;

  *base = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  return TRUE;
}

static gboolean
finish_ids (Gen         *g,
            const char  *table,
            gint64       base,
            guint64      count,
            GError     **error)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, count > 0 ? base + (gint64) count - 1 : base);
  const char *params[] = { table, value, count > 0 ? "true" : "false" };
  g_autoptr(PGresult) result = exec_params (g, "SELECT setval(pg_get_serial_sequence($1, 'id'), $2, $3)",
                                            3, params, error);

  return result != NULL;
}

/* Drops the indexes of these tables that back no constraint and returns
 * their definitions, read from the catalog, to build them again after the
 * load. With @gin_indexes, the GIN indexes stay and their names go there. */
static GPtrArray *
drop_indexes (Gen                *g,
              const char * const *table_names,
              guint               n_tables,
              GPtrArray          *gin_indexes,
              GError            **error)
{
  g_autoptr(GPtrArray) definitions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) tables = g_string_new ("{");
  g_autoptr(PGresult) result = NULL;
  const char *params[1];

  for (guint i = 0; i < n_tables; i++)
    g_string_append_printf (tables, "%s%s", i > 0 ? "," : "", table_names[i]);
  g_string_append_c (tables, '}');
  params[0] = tables->str;

  result = exec_params (g, "SELECT ci.relname, pg_get_indexdef(i.indexrelid), am.amname = 'gin' "
                           "FROM pg_index i "
                           "JOIN pg_class ci ON ci.oid = i.indexrelid "
                           "JOIN pg_am am ON am.oid = ci.relam "
                           "JOIN pg_class c ON c.oid = i.indrelid "
                           "JOIN pg_namespace ns ON ns.oid = c.relnamespace "
                           "WHERE ns.nspname = 'homeward' AND c.relname = ANY ($1::text[]) "
                           "AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid) "
                           "ORDER BY c.relname, ci.relname",
                        1, params, error);
  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    {
      const char *relname = PQgetvalue (result, row, 0);
      char *quoted = PQescapeIdentifier (g->conn, relname, strlen (relname));
      g_autofree char *name = g_strdup_printf ("homeward.%s", quoted);
      g_autofree char *sql = NULL;

      PQfreemem (quoted);
      if (gin_indexes != NULL && g_str_equal (PQgetvalue (result, row, 2), "t"))
        {
          g_ptr_array_add (gin_indexes, g_steal_pointer (&name));
          continue;
        }

      sql = g_strdup_printf ("DROP INDEX %s", name);
      if (!exec (g, sql, error))
        return NULL;
      g_ptr_array_add (definitions, g_strdup (PQgetvalue (result, row, 1)));
    }

  return g_steal_pointer (&definitions);
}

/* GIN indexes (the search columns) are the costliest part of a big load,
 * and PostgreSQL 15 builds them on one core. Instead of rebuilding them,
 * the load appends their entries to each index's pending list (a large
 * gin_pending_list_limit), and a second connection merges the pending
 * lists into the indexes meanwhile, on another core. Merging works on index
 * pages alone, so it needs neither the load's rows committed nor a lock the
 * load holds; whatever is left is merged inside the load's transaction. */
typedef struct
{
  PGconn    *conn;
  PGcancel  *cancel;
  GPtrArray *indexes;
  GThread   *thread;
  gint       stop;
} GinCleaner;

static gpointer
gin_cleaner_thread (gpointer data)
{
  GinCleaner *cleaner = data;

  while (!g_atomic_int_get (&cleaner->stop))
    {
      gboolean merged = FALSE;

      for (guint i = 0; i < cleaner->indexes->len; i++)
        {
          const char *params[] = { g_ptr_array_index (cleaner->indexes, i) };
          g_autoptr(PGresult) result = PQexecParams (cleaner->conn, "SELECT gin_clean_pending_list($1::regclass)",
                                                     1, NULL, params, NULL, NULL, 0);

          /* on any trouble, leave the merging to the load */
          if (PQresultStatus (result) != PGRES_TUPLES_OK)
            return NULL;
          if (!g_str_equal (PQgetvalue (result, 0, 0), "0"))
            merged = TRUE;
        }

      /* larger batches merge more cheaply, and leave the load its core */
      for (guint i = 0; i < (merged ? 25 : 5) && !g_atomic_int_get (&cleaner->stop); i++)
        g_usleep (G_USEC_PER_SEC / 5);
    }

  return NULL;
}

static GinCleaner *
gin_cleaner_start (const char *conninfo,
                   GPtrArray  *indexes)
{
  GinCleaner *cleaner;
  PGconn *conn;
  PGresult *result;

  if (indexes->len == 0)
    return NULL;

  conn = PQconnectdb (conninfo);
  result = PQstatus (conn) == CONNECTION_OK ? PQexec (conn, "SET maintenance_work_mem = '256MB'") : NULL;
  if (result == NULL || PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_autofree char *reason = hw_db_redact_message (PQerrorMessage (conn), conninfo);

      g_debug ("No second connection to merge GIN pending lists: %s", reason);
      PQclear (result);
      PQfinish (conn);
      return NULL;
    }
  PQclear (result);

  cleaner = g_new0 (GinCleaner, 1);
  cleaner->conn = conn;
  cleaner->cancel = PQgetCancel (conn);
  cleaner->indexes = g_ptr_array_ref (indexes);
  cleaner->thread = g_thread_new ("hw-demo-gin", gin_cleaner_thread, cleaner);

  return cleaner;
}

/* With @interrupt, cancels the merge under way; otherwise lets it finish. */
static void
gin_cleaner_stop (GinCleaner *cleaner,
                  gboolean    interrupt)
{
  char message[256];

  if (cleaner == NULL)
    return;

  g_atomic_int_set (&cleaner->stop, 1);
  if (interrupt && cleaner->cancel != NULL)
    PQcancel (cleaner->cancel, message, sizeof message);
  g_thread_join (cleaner->thread);
  if (cleaner->cancel != NULL)
    PQfreeCancel (cleaner->cancel);
  PQfinish (cleaner->conn);
  g_ptr_array_unref (cleaner->indexes);
  g_free (cleaner);
}

/* ---------------------------------------------------------------------------
 * Set-up and tear-down
 * ------------------------------------------------------------------------- */

static void
gen_free (Gen *g)
{
  stop_workers (g);

  if (g->pool != NULL)
    for (guint i = 0; i < g->pool_size; i++)
      for (guint v = 0; v < PHOTO_VARIANTS; v++)
        g_clear_pointer (&g->pool[i].variant[v], hw_demo_image_free);
  g_clear_pointer (&g->pool, g_free);
  g_clear_error (&g->pool_error);
  g_mutex_clear (&g->pool_mutex);
  g_cond_clear (&g->pool_cond);

  for (guint u = 0; u < N_UNITS; u++)
    {
      g_clear_pointer (&g->unit_officers[u], g_array_unref);
      g_clear_pointer (&g->unit_supervisors[u], g_array_unref);
    }
  g_clear_pointer (&g->officers, g_ptr_array_unref);
  g_clear_pointer (&g->groups, g_array_unref);
  g_clear_pointer (&g->links, g_array_unref);
  g_clear_pointer (&g->found, g_array_unref);
  g_clear_pointer (&g->samples, g_array_unref);
  g_free (g->case_time);
  g_free (g->case_found_sighting);
  g_free (g->case_found_time);
  g_free (g->case_birth);
  g_free (g->case_needs_found);
  g_free (g->case_status);
  g_free (g->case_photo);
  g_free (g->case_found_child);
  g_free (g->fam_first);
  g_free (g->truth);
  g_free (g->group_of);
  g_free (g->photo_of);
  g_free (g->link_of);
  if (g->buf != NULL)
    g_string_free (g->buf, TRUE);
  if (g->tmp != NULL)
    g_string_free (g->tmp, TRUE);
  if (g->tmp2 != NULL)
    g_string_free (g->tmp2, TRUE);
  g_clear_pointer (&g->search, hw_search_tokens_free);
  if (g->search_text != NULL)
    g_string_free (g->search_text, TRUE);
  g_clear_object (&g->cancellable);
  g_free (g);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Gen, gen_free)

static void
officer_free (gpointer data)
{
  Officer *o = data;

  g_free (o->login);
  g_free (o->name);
  g_free (o);
}

static Gen *
gen_new (guint64       seed,
         guint         n_cases,
         guint         n_sightings,
         GCancellable *cancellable)
{
  static const double case_years[] = {
    8, 8, 9, 9, 10, 9, 8, 7, 6, 5, 5, 4, 4, 3.5, 3, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5,
  };
  static const double sighting_years[] = { 2, 3, 4, 5, 6, 6, 6, 6, 6, 6, 7, 7, 8, 8, 9, 10 };
  Gen *g = g_new0 (Gen, 1);
  gint64 inbox_start;

  g->seed = seed;
  g->n_cases = n_cases;
  g->n_sightings = n_sightings;
  g->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g->reference = time_from_civil (REFERENCE_YEAR, REFERENCE_MONTH, REFERENCE_DAY) + 12 * 3600;
  g->buf = g_string_sized_new (COPY_BUFFER_SIZE + 256 * 1024);
  g->tmp = g_string_sized_new (1024);
  g->tmp2 = g_string_sized_new (256);
  g->search = hw_search_tokens_new ();
  g->search_text = g_string_sized_new (4096);
  g->officers = g_ptr_array_new_with_free_func (officer_free);
  g->groups = g_array_new (FALSE, FALSE, sizeof (Group));
  g->links = g_array_new (FALSE, FALSE, sizeof (Link));
  g->found = g_array_new (FALSE, FALSE, sizeof (FoundChild));
  g->samples = g_array_new (FALSE, FALSE, sizeof (Sample));
  g_mutex_init (&g->pool_mutex);
  g_cond_init (&g->pool_cond);

  for (guint u = 0; u < N_UNITS; u++)
    {
      g->unit_weights[u] = units[u].weight;
      g->unit_officers[u] = g_array_new (FALSE, FALSE, sizeof (guint));
      g->unit_supervisors[u] = g_array_new (FALSE, FALSE, sizeof (guint));
    }

  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    g->surname_cum[i + 1] = g->surname_cum[i] + surnames[i].weight;

  for (guint i = 0; i < G_N_ELEMENTS (given_chars); i++)
    {
      if (given_chars[i].sex != 'f')
        g->given_m[g->n_given_m++] = i;
      if (given_chars[i].sex != 'm')
        g->given_f[g->n_given_f++] = i;
    }

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      const Place *p = &places[i];

      g->places_of_unit[p->unit][g->n_places_of_unit[p->unit]++] = i;
      if (p->kind != 'S')
        g->destinations[g->n_destinations++] = i;
      if (p->kind != 'D')
        g->sources[g->n_sources++] = i;
    }

  /* abductions fell after the 2009 campaign; tips rose with the microblogs
   * from 2011, and the last weeks' tips are still in the inbox */
  for (guint i = 0; i < G_N_ELEMENTS (case_years); i++)
    time_dist_add (&g->case_dist, time_from_civil (2005 + (int) i, 1, 1),
                   MIN (time_from_civil (2006 + (int) i, 1, 1), g->reference - 2 * SECONDS_PER_DAY),
                   case_years[i]);
  inbox_start = g->reference - 60 * SECONDS_PER_DAY;
  for (guint i = 0; i < G_N_ELEMENTS (sighting_years); i++)
    time_dist_add (&g->sight_dist, time_from_civil (2011 + (int) i, 1, 1),
                   MIN (time_from_civil (2012 + (int) i, 1, 1), inbox_start), sighting_years[i]);
  time_dist_add (&g->sight_dist, inbox_start, g->reference - 600, 60);

  build_roster (g);

  return g;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  char message[256];

  /* interrupts whatever the server is doing for us; thread-safe */
  PQcancel (user_data, message, sizeof message);
}

static gboolean
write_tables (Gen     *g,
              GError **error)
{
  return write_people (g, error) &&
         write_cases (g, error) &&
         write_families (g, error) &&
         write_contacts (g, error) &&
         write_groups (g, error) &&
         write_sightings (g, error) &&
         write_found_children (g, error) &&
         write_photos (g, error) &&
         write_links (g, error) &&
         write_steps (g, error) &&
         write_samples (g, error) &&
         write_comparisons (g, error) &&
         write_reunions (g, error) &&
         write_allele_frequencies (g, error) &&
         write_ground_truth (g, error);
}

static gboolean
load (Gen         *g,
      const char  *conninfo,
      GError     **error)
{
  static const char * const list_tables[] = { "case_list_key", "case_family_key", "case_match_key" };
  g_autoptr(GPtrArray) indexes = NULL;
  g_autoptr(GPtrArray) list_indexes = NULL;
  g_autoptr(GPtrArray) gin_indexes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PGresult) state = NULL;
  GinCleaner *cleaner = NULL;
  double index_work;
  gboolean ok;

  /* Ordinary and foreign-key triggers off for this transaction (see the
   * top of this file); needs a superuser, checked by the caller. */
  if (!exec (g, "BEGIN", error) ||
      !exec (g, "SET LOCAL session_replication_role = replica", error) ||
      !exec (g, "SET LOCAL maintenance_work_mem = '256MB'", error) ||
      !exec (g, "SET LOCAL gin_pending_list_limit = '1GB'", error) ||
      !exec (g, "SET LOCAL synchronous_commit = off", error))
    return FALSE;

  if (!(state = exec_params (g, "SELECT to_regclass('homeward.sighting') IS NOT NULL "
                                "AND to_regproc('homeward.create_officer') IS NOT NULL", 0, NULL, error)))
    return FALSE;
  if (!g_str_equal (PQgetvalue (state, 0, 0), "t"))
    {
      g_set_error_literal (error, HW_DB_ERROR, HW_DB_ERROR_SCHEMA,
                           _("The database has no Homeward schema yet; create it with “homeward-cli init” "
                             "before loading demo data"));
      return FALSE;
    }
  g_clear_pointer (&state, PQclear);

  if (!(state = exec_params (g, "SELECT EXISTS (SELECT 1 FROM homeward.abduction_case) "
                                "OR EXISTS (SELECT 1 FROM homeward.sighting)", 0, NULL, error)))
    return FALSE;
  if (g_str_equal (PQgetvalue (state, 0, 0), "t"))
    {
      g_set_error_literal (error, HW_DB_ERROR, HW_DB_ERROR_CONFLICT,
                           _("The database already holds cases or sightings; demo data is only loaded "
                             "into a database without them"));
      return FALSE;
    }

  if (!write_units_and_officers (g, error) ||
      !exec (g, LOCK_TABLES_SQL, error) ||
      !reserve_ids (g, "homeward.person", &g->person_base, error) ||
      !reserve_ids (g, "homeward.abduction_case", &g->case_base, error) ||
      !reserve_ids (g, "homeward.family_member", &g->family_base, error) ||
      !reserve_ids (g, "homeward.repost_group", &g->group_base, error) ||
      !reserve_ids (g, "homeward.sighting", &g->sighting_base, error) ||
      !reserve_ids (g, "homeward.found_child", &g->found_base, error) ||
      !reserve_ids (g, "homeward.case_link", &g->link_base, error) ||
      !reserve_ids (g, "homeward.verification_step", &g->step_base, error) ||
      !reserve_ids (g, "homeward.dna_sample", &g->sample_base, error))
    return FALSE;

  index_work = 0.3 * (g->n_sightings + 3.0 * g->n_cases);
  if ((guint64) g->n_sightings + g->n_cases >= BULK_INDEX_THRESHOLD)
    {
      if (!(indexes = drop_indexes (g, bulk_tables, G_N_ELEMENTS (bulk_tables), gin_indexes, error)))
        return FALSE;
      g->work_total += index_work;
      cleaner = gin_cleaner_start (conninfo, gin_indexes);
    }

  ok = write_tables (g, error);
  gin_cleaner_stop (cleaner, !ok);
  if (!ok)
    return FALSE;

  set_stage (g, _("Merging search indexes"), 0);
  for (guint i = 0; i < gin_indexes->len; i++)
    {
      const char *params[] = { g_ptr_array_index (gin_indexes, i) };
      g_autoptr(PGresult) merged = NULL;

      if (!(merged = exec_params (g, "SELECT gin_clean_pending_list($1::regclass)", 1, params, error)))
        return FALSE;
    }

  if (!finish_ids (g, "homeward.person", g->person_base, g->n_cases + g->fam_first[g->n_cases] + g->found->len, error) ||
      !finish_ids (g, "homeward.abduction_case", g->case_base, g->n_cases, error) ||
      !finish_ids (g, "homeward.family_member", g->family_base, g->fam_first[g->n_cases], error) ||
      !finish_ids (g, "homeward.repost_group", g->group_base, g->groups->len, error) ||
      !finish_ids (g, "homeward.sighting", g->sighting_base, g->n_sightings, error) ||
      !finish_ids (g, "homeward.found_child", g->found_base, g->found->len, error) ||
      !finish_ids (g, "homeward.case_link", g->link_base, g->links->len, error) ||
      !finish_ids (g, "homeward.verification_step", g->step_base, g->n_steps, error) ||
      !finish_ids (g, "homeward.dna_sample", g->sample_base, g->samples->len, error))
    return FALSE;

  if (indexes != NULL)
    {
      set_stage (g, _("Building indexes"), 0);
      for (guint i = 0; i < indexes->len; i++)
        {
          if (!exec (g, g_ptr_array_index (indexes, i), error))
            return FALSE;
          g->work_done += index_work / indexes->len;
          report (g, FALSE);
        }
    }

  /* The case list's sort keys, search texts and last activity, which
   * triggers keep for ordinary writes (they are off during this load). Its
   * indexes are built after its rows: a GIN index builds faster than it
   * takes a table's worth of single entries. */
  set_stage (g, _("Building the case list"), 0);
  if (!(list_indexes = drop_indexes (g, list_tables, G_N_ELEMENTS (list_tables), NULL, error)) ||
      !exec (g, "SELECT homeward.refresh_case_list_keys ()", error) ||
      !exec (g, "SELECT homeward.refresh_case_match_keys ()", error))
    return FALSE;
  for (guint i = 0; i < list_indexes->len; i++)
    {
      if (!exec (g, g_ptr_array_index (list_indexes, i), error))
        return FALSE;
    }

  set_stage (g, _("Committing"), 0);
  if (!exec (g, "COMMIT", error))
    return FALSE;

  set_stage (g, _("Analyzing"), 0);
  for (guint i = 0; i < G_N_ELEMENTS (bulk_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("ANALYZE homeward.%s", bulk_tables[i]);

      if (!exec (g, sql, error))
        return FALSE;
    }

  /* Filled from the others at the end of the load; the case list's plans
   * need its statistics as much as theirs (without them a search walks the
   * whole list). */
  if (!exec (g, "ANALYZE homeward.case_list_key", error) ||
      !exec (g, "ANALYZE homeward.case_family_key", error) ||
      !exec (g, "ANALYZE homeward.case_match_key", error))
    return FALSE;

  g->work_done = g->work_total;
  report (g, TRUE);
  end_stage (g);

  return TRUE;
}

/* A rough measure of the work ahead, for the progress fraction. */
static void
estimate_work (Gen *g)
{
  double n = g->n_cases, m = g->n_sightings;
  guint photos = 0;

  for (guint k = 0; k < g->n_cases; k++)
    photos += g->case_photo[k] >= 0;
  for (guint j = 0; j < g->n_sightings; j++)
    photos += g->photo_of[j] >= 0;
  photos += g->found->len;

  g->work_total = 0.6 * (n + g->fam_first[g->n_cases] + g->found->len) + 0.6 * n +
                  0.4 * g->fam_first[g->n_cases] + 0.15 * 4 * n + 0.1 * g->groups->len + m +
                  0.3 * g->found->len + 2.0 * photos + 0.3 * g->links->len + 0.15 * (0.35 * m) +
                  (0.15 + 0.1 * 5 + 0.08 * N_LOCI) * g->samples->len + 0.2 * g->found->len +
                  0.2 * g->found->len + 0.05 * m * P_TRUE;
}

/**
 * hw_demo_data_generate_sync:
 * @conninfo: a libpq connection string for a superuser, on a migrated database
 * @n_cases: how many abduction cases
 * @n_sightings: how many sightings
 * @seed: the same seed gives the same data
 * @progress: (nullable) (scope call): called now and then, on this thread,
 *   with what is being done and the fraction done overall
 * @cancellable: (nullable): cancels the load; nothing is then written
 *
 * Loads synthetic demo data in one transaction over a blocking connection of
 * its own: call it from a worker thread or the command line, never from the
 * GUI's main loop. The database must not hold cases or sightings yet.
 * Officers are PostgreSQL login roles, created if missing (the roster is the
 * same for every seed, so databases of one cluster share it).
 *
 * Returns: whether the data were loaded
 */
gboolean
hw_demo_data_generate_sync (const char      *conninfo,
                            guint            n_cases,
                            guint            n_sightings,
                            guint64          seed,
                            HwDemoProgress   progress,
                            gpointer         progress_data,
                            GCancellable    *cancellable,
                            GError         **error)
{
  g_autoptr(Gen) g = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) superuser = NULL;
  PGcancel *cancel;
  gulong cancelled_id = 0;
  gboolean ok;

  g_return_val_if_fail (conninfo != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g = gen_new (seed, n_cases, n_sightings, cancellable);
  g->progress = progress;
  g->progress_data = progress_data;

  conn = PQconnectdb (conninfo);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strstrip (hw_db_redact_message (PQerrorMessage (conn), NULL));

      g_set_error (error, HW_DB_ERROR, HW_DB_ERROR_CONNECT, _("Could not connect to load demo data: %s"), message);
      return FALSE;
    }
  g->conn = conn;

  if (PQsetClientEncoding (conn, "UTF8") != 0)
    return set_error_from_conn (g, "client_encoding", error);

  if (!(superuser = exec_params (g, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user", 0, NULL, error)))
    return FALSE;
  if (PQntuples (superuser) != 1 || !g_str_equal (PQgetvalue (superuser, 0, 0), "t"))
    {
      g_set_error (error, HW_DB_ERROR, HW_DB_ERROR_PERMISSION,
                   _("Loading demo data needs a superuser connection; %s is not one"), PQuser (conn));
      return FALSE;
    }

  set_stage (g, _("Planning"), 0);
  if (!plan (g, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  estimate_work (g);
  start_workers (g);

  cancel = PQgetCancel (conn);
  if (cancellable != NULL && cancel != NULL)
    cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), cancel, NULL);

  ok = load (g, conninfo, error);

  if (cancelled_id != 0)
    g_cancellable_disconnect (cancellable, cancelled_id);
  if (cancel != NULL)
    PQfreeCancel (cancel);

  /* on failure, closing the connection rolls everything back */
  stop_workers (g);
  g->conn = NULL;

  return ok;
}
