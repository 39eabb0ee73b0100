/**
 * The Element Plus components the console uses, registered once (their types come from
 * element-plus/global) with only their own styles: the bundle carries nothing else of the
 * library. A component missing here shows as an unknown element: add it and its style.
 */
import type { App, Plugin } from 'vue';
import {
	ElAlert,
	ElAside,
	ElButton,
	ElButtonGroup,
	ElCard,
	ElCheckbox,
	ElCheckboxButton,
	ElCheckboxGroup,
	ElCol,
	ElConfigProvider,
	ElContainer,
	ElDatePicker,
	ElDescriptions,
	ElDescriptionsItem,
	ElDialog,
	ElDivider,
	ElDrawer,
	ElDropdown,
	ElDropdownItem,
	ElDropdownMenu,
	ElEmpty,
	ElForm,
	ElFormItem,
	ElHeader,
	ElIcon,
	ElInput,
	ElInputNumber,
	ElLoading,
	ElMain,
	ElMenu,
	ElMenuItem,
	ElOption,
	ElOptionGroup,
	ElPagination,
	ElPopconfirm,
	ElRadio,
	ElRadioButton,
	ElRadioGroup,
	ElRow,
	ElSelect,
	ElStep,
	ElSteps,
	ElSwitch,
	ElTabPane,
	ElTable,
	ElTableColumn,
	ElTabs,
	ElTag,
	ElTimePicker,
	ElTooltip,
	ElUpload,
} from 'element-plus';

import 'element-plus/es/components/alert/style/css';
import 'element-plus/es/components/aside/style/css';
import 'element-plus/es/components/button/style/css';
import 'element-plus/es/components/button-group/style/css';
import 'element-plus/es/components/card/style/css';
import 'element-plus/es/components/checkbox/style/css';
import 'element-plus/es/components/checkbox-button/style/css';
import 'element-plus/es/components/checkbox-group/style/css';
import 'element-plus/es/components/col/style/css';
import 'element-plus/es/components/config-provider/style/css';
import 'element-plus/es/components/container/style/css';
import 'element-plus/es/components/date-picker/style/css';
import 'element-plus/es/components/descriptions/style/css';
import 'element-plus/es/components/descriptions-item/style/css';
import 'element-plus/es/components/dialog/style/css';
import 'element-plus/es/components/divider/style/css';
import 'element-plus/es/components/drawer/style/css';
import 'element-plus/es/components/dropdown/style/css';
import 'element-plus/es/components/dropdown-item/style/css';
import 'element-plus/es/components/dropdown-menu/style/css';
import 'element-plus/es/components/empty/style/css';
import 'element-plus/es/components/form/style/css';
import 'element-plus/es/components/form-item/style/css';
import 'element-plus/es/components/header/style/css';
import 'element-plus/es/components/icon/style/css';
import 'element-plus/es/components/input/style/css';
import 'element-plus/es/components/input-number/style/css';
import 'element-plus/es/components/loading/style/css';
import 'element-plus/es/components/main/style/css';
import 'element-plus/es/components/menu/style/css';
import 'element-plus/es/components/menu-item/style/css';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import 'element-plus/es/components/option/style/css';
import 'element-plus/es/components/option-group/style/css';
import 'element-plus/es/components/pagination/style/css';
import 'element-plus/es/components/popconfirm/style/css';
import 'element-plus/es/components/radio/style/css';
import 'element-plus/es/components/radio-button/style/css';
import 'element-plus/es/components/radio-group/style/css';
import 'element-plus/es/components/row/style/css';
import 'element-plus/es/components/select/style/css';
import 'element-plus/es/components/step/style/css';
import 'element-plus/es/components/steps/style/css';
import 'element-plus/es/components/switch/style/css';
import 'element-plus/es/components/tab-pane/style/css';
import 'element-plus/es/components/table/style/css';
import 'element-plus/es/components/table-column/style/css';
import 'element-plus/es/components/tabs/style/css';
import 'element-plus/es/components/tag/style/css';
import 'element-plus/es/components/time-picker/style/css';
import 'element-plus/es/components/tooltip/style/css';
import 'element-plus/es/components/upload/style/css';

const COMPONENTS: Plugin[] = [
	ElAlert,
	ElAside,
	ElButton,
	ElButtonGroup,
	ElCard,
	ElCheckbox,
	ElCheckboxButton,
	ElCheckboxGroup,
	ElCol,
	ElConfigProvider,
	ElContainer,
	ElDatePicker,
	ElDescriptions,
	ElDescriptionsItem,
	ElDialog,
	ElDivider,
	ElDrawer,
	ElDropdown,
	ElDropdownItem,
	ElDropdownMenu,
	ElEmpty,
	ElForm,
	ElFormItem,
	ElHeader,
	ElIcon,
	ElInput,
	ElInputNumber,
	ElLoading,
	ElMain,
	ElMenu,
	ElMenuItem,
	ElOption,
	ElOptionGroup,
	ElPagination,
	ElPopconfirm,
	ElRadio,
	ElRadioButton,
	ElRadioGroup,
	ElRow,
	ElSelect,
	ElStep,
	ElSteps,
	ElSwitch,
	ElTabPane,
	ElTable,
	ElTableColumn,
	ElTabs,
	ElTag,
	ElTimePicker,
	ElTooltip,
	ElUpload,
];

export const elementPlus: Plugin = {
	install(app: App) {
		for (const component of COMPONENTS) app.use(component);
	},
};
