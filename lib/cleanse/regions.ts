/**
 * Place names that prefix Chinese company names (企业名称 = 行政区划 + 字号 + 行业 + 组织形式):
 * every province-level division and the prefecture-level and major county-level cities
 * that appear in company names most often. Used to strip the region from a name and to
 * tell two companies in different places apart.
 */

export type Place = { province: string; city?: string };

const PROVINCE_SUFFIXES = ['壮族自治区', '回族自治区', '维吾尔自治区', '维吾尔族自治区', '特别行政区', '自治区', '省', '市', ''];

const PROVINCES = [
	'北京', '天津', '上海', '重庆', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建',
	'江西', '山东', '河南', '湖北', '湖南', '广东', '广西', '海南', '四川', '贵州', '云南', '西藏', '陕西', '甘肃',
	'青海', '宁夏', '新疆', '台湾', '香港', '澳门',
];

const CITIES: Readonly<Record<string, string>> = {
	河北: '石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水',
	山西: '太原 大同 长治 晋城 晋中 运城 临汾 阳泉',
	内蒙古: '呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔',
	辽宁: '沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 葫芦岛',
	吉林: '长春 四平 通化 松原 延边',
	黑龙江: '哈尔滨 齐齐哈尔 牡丹江 佳木斯 大庆 鸡西',
	江苏: '南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 昆山 江阴 常熟 张家港',
	浙江: '杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 义乌',
	安徽: '合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 滁州 阜阳 宿州 六安 亳州',
	福建: '福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 晋江',
	江西: '南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 宜春 抚州 上饶',
	山东: '济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽',
	河南: '郑州 开封 洛阳 平顶山 安阳 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店',
	湖北: '武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州',
	湖南: '长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底',
	广东: '广州 深圳 珠海 汕头 佛山 韶关 湛江 肇庆 江门 茂名 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮',
	广西: '南宁 柳州 桂林 梧州 钦州 玉林 百色 贵港',
	海南: '海口 三亚 儋州',
	四川: '成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安',
	贵州: '贵阳 遵义 六盘水 安顺 毕节 铜仁',
	云南: '昆明 曲靖 玉溪 保山 昭通 丽江 临沧 大理',
	西藏: '拉萨 日喀则',
	陕西: '西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛',
	甘肃: '兰州 嘉峪关 天水 酒泉 张掖 武威',
	青海: '西宁',
	宁夏: '银川 石嘴山 吴忠',
	新疆: '乌鲁木齐 克拉玛依 吐鲁番 哈密 喀什 库尔勒',
};

/** Country words stripped from the front of a name but not a place to compare (中国平安 → 平安). */
export const NATIONAL_PREFIXES = ['中华人民共和国', '中国', '中华'];

type PlaceEntry = { text: string; place: Place };

/** Entries indexed by their first and by their last character, longest first. */
const byFirst = new Map<string, PlaceEntry[]>();
const byLast = new Map<string, PlaceEntry[]>();

function add(text: string, place: Place): void {
	if (text === '') return;
	const entry = { text, place };
	for (const [index, key] of [[byFirst, text[0]], [byLast, text[text.length - 1]]] as const) {
		const list = index.get(key) ?? [];
		list.push(entry);
		index.set(key, list);
	}
}

for (const province of PROVINCES) {
	const municipality = ['北京', '天津', '上海', '重庆'].includes(province);
	for (const suffix of PROVINCE_SUFFIXES) add(province + suffix, municipality ? { province, city: province } : { province });
}
for (const [province, names] of Object.entries(CITIES)) {
	for (const city of names.split(' ')) {
		add(`${city}市`, { province, city });
		add(city, { province, city });
	}
}
for (const index of [byFirst, byLast]) for (const list of index.values()) list.sort((a, b) => b.text.length - a.text.length);

/** The place a name starts with and how many characters it takes, or undefined. */
export function leadingPlace(name: string): { place: Place; length: number } | undefined {
	const list = byFirst.get(name[0]);
	if (!list) return undefined;
	for (const entry of list) if (name.startsWith(entry.text)) return { place: entry.place, length: entry.text.length };
	return undefined;
}

/** The place a name ends with (上海 in …有限公司上海分公司 once 分公司 is gone), or undefined. */
export function trailingPlace(name: string): { place: Place; length: number } | undefined {
	const list = byLast.get(name[name.length - 1]);
	if (!list) return undefined;
	for (const entry of list) if (name.endsWith(entry.text)) return { place: entry.place, length: entry.text.length };
	return undefined;
}

/** The place a whole text names (（北京）, 深圳市), or undefined. */
export function exactPlace(text: string): Place | undefined {
	const found = leadingPlace(text);
	return found && found.length === text.length ? found.place : undefined;
}
