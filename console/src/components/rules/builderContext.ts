/** What every node of the condition builder shares: the tree's root (for moves), the shared condition names, the institutions, and whether it is editable. */
import type { InjectionKey, Ref } from 'vue';

import type { BuilderNode } from '../../model/conditionBuilder';

export interface BuilderContext {
	root: Ref<BuilderNode>;
	sharedNames: Ref<string[]>;
	institutions: Ref<string[]>;
	readOnly: Ref<boolean>;
	/** The node being dragged, if any. */
	dragging: Ref<string | null>;
	move(id: string, groupId: string, index: number): void;
	remove(id: string): void;
}

export const BUILDER: InjectionKey<BuilderContext> = Symbol('condition builder');
