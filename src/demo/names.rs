//! Name material for the example data: common surnames, given-name characters (rare name
//! characters among them), communities and units.

/// Surnames, most common first (weighted by position when drawn).
pub const SURNAMES: [&str; 60] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
    "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
    "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "欧阳",
];

/// Given-name characters; the rare ones every roster must be able to print are included.
pub const GIVEN: [&str; 80] = [
    "伟", "芳", "娜", "秀", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "兰", "霞", "平", "刚", "桂", "英", "华", "建", "国", "文", "斌", "辉", "玲", "鑫",
    "宇", "浩", "婷", "雪", "博", "晨", "欣", "怡", "子", "涵", "梓", "萱", "泽", "轩", "思", "诗",
    "雨", "嘉", "佳", "一", "诺", "瑞", "安", "然", "昊", "天", "宁", "海", "玥", "喆", "堃", "彧",
    "昇", "镕", "珺", "犇", "赟", "祎", "旻", "瑄", "璟", "淼", "焱", "垚", "昕", "晔", "琰", "翀",
];

/// The communities (村居) of the example street, each with a station.
pub const COMMUNITIES: [&str; 12] = [
    "海韵社区",
    "港湾社区",
    "新村社区",
    "渤海里社区",
    "福州道社区",
    "滨河社区",
    "胜利社区",
    "贻成社区",
    "大沽社区",
    "兴港社区",
    "盐场村",
    "北塘村",
];

/// Streets of the example addresses.
pub const ROADS: [&str; 8] = [
    "新港路",
    "解放路",
    "上海道",
    "河北路",
    "津塘路",
    "福州道",
    "大连道",
    "东沽路",
];

/// Workplaces and schools.
pub const WORKPLACES: [&str; 10] = [
    "滨海新区第一中学",
    "天津港集团",
    "泰达医院",
    "社区卫生服务中心",
    "街道办事处",
    "滨海新区实验小学",
    "个体经营",
    "退休",
    "天津职业技术学院",
    "中新天津生态城管委会",
];

/// Skills.
pub const SKILLS: [&str; 12] = [
    "急救",
    "法律咨询",
    "心理疏导",
    "文艺表演",
    "摄影摄像",
    "家电维修",
    "理发",
    "书法",
    "外语翻译",
    "电脑维护",
    "健康讲座",
    "垃圾分类宣传",
];

/// Tianjin address codes used in identity numbers (old district codes included).
pub const ADDRESS_CODES: [&str; 10] = [
    "120116", "120116", "120116", "120107", "120108", "120109", "120101", "120102", "120104",
    "120221",
];

/// Mobile prefixes.
pub const MOBILE_PREFIXES: [&str; 10] = [
    "138", "139", "136", "135", "150", "152", "158", "186", "187", "199",
];
