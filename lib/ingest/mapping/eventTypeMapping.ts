import { EVENT_TYPES, parseEventType, type EventType } from '../../vocabulary';
import { parseMappingText } from './mappingText';

/**
 * Vendor codes for the three kinds of verification call, as identity-verification
 * services write them. Matched after normaliseCode (case, spaces and dashes ignored).
 */
export const DEFAULT_EVENT_TYPE_CODES: Readonly<Record<EventType, readonly string[]>> = {
	face: [
		'face', 'face_verify', 'face_verification', 'face_compare', 'face_match', 'face_auth', 'faceid', 'liveness',
		'liveness_check', 'fv', '人脸', '人脸识别', '人脸核验', '人脸验证', '人脸比对', '活体检测', '刷脸',
	],
	ocr: [
		'ocr', 'ocr_idcard', 'idcard_ocr', 'id_ocr', 'ocr_id', 'idcard', 'id_card_ocr', 'card_ocr', '身份证ocr',
		'身份证识别', 'ocr识别', '证件识别', '证件ocr', '身份证扫描',
	],
	data_api: [
		'data_api', 'data', 'data_query', 'api_query', 'dataquery', 'data_verify', 'two_factor', 'elements_check',
		'数据查询', '数据接口查询', '数据调用', '数据核验', '数据接口', '二要素', '三要素',
	],
};

export function normaliseCode(code: string): string {
	return code.trim().toLowerCase().replace(/[\s\u3000]+/g, '').replace(/-/g, '_');
}

/** Vendor code → event type: the defaults, the codes themselves and Chinese labels, then the user's entries. */
export function buildEventTypeMapping(mappingText: string | undefined): Map<string, EventType> {
	const mapping = new Map<string, EventType>();
	for (const type of EVENT_TYPES) {
		for (const code of DEFAULT_EVENT_TYPE_CODES[type]) mapping.set(normaliseCode(code), type);
	}
	for (const [from, to] of parseMappingText(mappingText, 'Event type mapping (事件类型映射)')) {
		const type = parseEventType(to);
		if (!type) {
			throw new Error(
				`Event type mapping (事件类型映射): "${to}" (for "${from}") is not an event type; use one of ${EVENT_TYPES.join(', ')}`,
			);
		}
		mapping.set(normaliseCode(from), type);
	}
	return mapping;
}
