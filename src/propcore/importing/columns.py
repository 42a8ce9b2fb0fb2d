"""Column names and cell values as spreadsheets write them, in English or Chinese."""

from collections.abc import Mapping

UNIT_COLUMNS = {
    "estate": "小区",
    "building": "楼栋",
    "entrance": "单元",
    "floor": "楼层",
    "room": "房号",
    "label": "房屋编号",
    "gross_area": "建筑面积",
    "usable_area": "套内面积",
    "layout": "户型",
    "usage": "用途",
    "fee_coefficient": "收费系数",
    "status": "状态",
}
UNIT_REQUIRED = ("estate", "building", "floor", "room", "gross_area")

PEOPLE_COLUMNS = {
    "name": "姓名",
    "kind": "类型",
    "phone": "电话",
    "email": "邮箱",
    "id_number": "证件号码",
    "birth_date": "出生日期",
    "interest_tags": "兴趣标签",
    "notes": "备注",
    "estate": "小区",
    "building": "楼栋",
    "unit": "房屋编号",
    "role": "身份",
    "share": "产权比例",
    "head_phone": "户主电话",
    "start": "起始日期",
    "lease_start": "租期开始",
    "lease_end": "租期结束",
    "rent": "月租金",
    "deposit": "押金",
    "tenant_pays": "租户缴纳费用",
}
PEOPLE_REQUIRED = ("name",)

READING_COLUMNS = {
    "estate": "小区",
    "building": "楼栋",
    "unit": "房屋编号",
    "meter": "表类型",
    "read_on": "抄表日期",
    "value": "读数",
    "flags": "标记",
    "start_value": "新表起数",
}
READING_REQUIRED = ("estate", "building", "unit", "meter", "read_on", "value")

VALUE_ALIASES = {
    "usage": {
        "住宅": "residential",
        "商铺": "shop",
        "办公": "office",
        "车位": "parking",
        "储藏室": "storage",
        "其他": "other",
    },
    "role": {"业主": "owner", "家庭成员": "family", "租户": "tenant"},
    "kind": {"个人": "individual", "单位": "company", "公司": "company"},
    "meter": {"水表": "water", "电表": "electricity", "燃气表": "gas", "热表": "heat"},
    "flags": {"换表": "replacement", "翻转": "rollover", "估抄": "estimated"},
}


def header_map(header: list[str], columns: Mapping[str, str]) -> dict[int, str]:
    """Map column positions to field names; unknown headers are ignored."""
    by_name = {key: key for key in columns} | {zh: key for key, zh in columns.items()}
    return {
        position: by_name[name.strip()]
        for position, name in enumerate(header)
        if name and name.strip() in by_name
    }
