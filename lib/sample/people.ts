import { idCheckChar } from '../identity/idNumber';
import { isFakePattern } from '../identity/mobilePhone';
import type { SeededRandom } from './SeededRandom';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '欧阳', '司马'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建国', '建华', '晓东', '文博', '子涵', '欣怡', '浩然', '雨桐', '思远', '嘉怡', '宇轩', '佳琪', '志强', '海燕'];
/** Mobile prefixes of the three big carriers, as they appear in real rosters. */
const MOBILE_PREFIXES = ['134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '157', '158', '159', '182', '183', '187', '188', '130', '131', '132', '155', '156', '185', '186', '133', '153', '177', '180', '181', '189', '199', '191'];
/** Region codes of cities around the bank (杭州, 上海, 北京, 南京, 宁波, 苏州, 深圳). */
const REGION_CODES = ['330102', '330106', '330110', '310104', '310115', '110105', '110108', '320102', '330203', '320505', '440305'];

const GIVEN_SECOND = ['华', '宁', '辉', '玲', '婷', '鑫', '彬', '琳', '昊', '萱', '晨', '阳', '悦', '峰', '倩', '凯', '雪', '斌', '颖', '航'];

/** A plausible full name; two-character given names make them varied enough for big rosters. */
export function chineseName(random: SeededRandom): string {
	const given = random.chance(0.6) ? random.pick(GIVEN).slice(0, 1) + random.pick(GIVEN_SECOND) : random.pick(GIVEN);
	return random.pick(SURNAMES) + given;
}

/** A valid-looking mainland mobile number (never one of the obviously fake patterns). */
export function mobilePhone(random: SeededRandom): string {
	for (;;) {
		const phone = random.pick(MOBILE_PREFIXES) + random.digits(8);
		if (!isFakePattern(phone)) return phone;
	}
}

/** A valid 18-digit ID number: real region code, birth date between 1960 and 2003, correct check digit. */
export function idNumber(random: SeededRandom): string {
	const year = random.int(1960, 2003);
	const month = random.int(1, 12);
	const day = random.int(1, 28);
	const first17 = `${random.pick(REGION_CODES)}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${random.digits(3)}`;
	return first17 + idCheckChar(first17);
}
