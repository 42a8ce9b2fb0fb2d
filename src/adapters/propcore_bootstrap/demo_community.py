"""Demo notices, an incident and events in the demo estate, so the pages
have something to show: a published notice to the whole estate, an urgent
water outage for the demo owner's building, a notice scheduled for tomorrow,
a guard's incident and two events (one for older calligraphy lovers).

Made after the demo accounts, through the core, so notices reach the demo
residents and the incident reaches the demo manager.
"""

from datetime import datetime, time, timedelta, timezone

from propcore.application import Propcore
from propcore.ids import Id
from propcore_bootstrap.demo_accounts import DEMO_ESTATE, owner_with_family


def create_demo_community(core: Propcore) -> None:
    estate = next(n for n in core.property.nodes() if n.name == DEMO_ESTATE)
    building = _owner_building(core, estate.id)
    _notices(core, estate.id, building)
    _incident(core, estate.id, building)
    _events(core, estate.id)


def _owner_building(core: Propcore, estate_id: Id) -> Id:
    rosters = [
        row
        for building in core.property.buildings(estate_id)
        for row in core.residents.roster(building.id)
    ]
    owner, _ = owner_with_family(rosters)
    return core.property.unit(owner.occupancy.unit_id).building.id


# The demo estates are in Beijing: their clock times are China Standard Time.
BEIJING = timezone(timedelta(hours=8))


def _at(core: Propcore, days: int, hour: int) -> str:
    day = core.clock.today() + timedelta(days=days)
    return datetime.combine(day, time(hour), BEIJING).isoformat()


def _notices(core: Propcore, estate_id: Id, building_id: Id) -> None:
    name = core.property.building(building_id).name
    published = [
        {"title": "小区绿化修剪通知", "body": "本周六上午修剪绿化，请注意避让。"},
        {
            "title": f"{name}明日停水通知",
            "body": "因管道检修，明天 9:00–12:00 停水，请提前储水。",
            "building_ids": str(building_id),
            "channels": "sms,inbox",
            "urgency": "safety",
            "expires_at": _at(core, 2, 0),
        },
    ]
    for raw in published:
        core.notices.publish(core.notices.create(estate_id, raw).id)
    scheduled = {
        "title": "电梯年检通知",
        "body": "下周一起各楼电梯依次年检，每部约两小时。",
        "publish_at": _at(core, 1, 9),
    }
    core.notices.create(estate_id, scheduled)


def _incident(core: Propcore, estate_id: Id, building_id: Id) -> None:
    guard = next(
        m.account for m in core.accounts.staff() if m.account.username == "guard"
    )
    raw = {
        "estate_id": estate_id,
        "building_id": building_id,
        "kind": "water",
        "severity": "high",
        "place": "地下车库B区",
        "description": "车库顶部水管渗漏，地面积水约两厘米。",
    }
    incident = core.incidents.report(raw, by=guard.id)
    core.incidents.note(incident.id, {"text": "已摆放警示牌"}, by=guard.id)


def _events(core: Propcore, estate_id: Id) -> None:
    events = [
        {
            "title": "重阳节书法交流会",
            "description": "欢迎爱好书法的长辈参加，笔墨纸砚由物业准备。",
            "place": "会所二楼活动室",
            "starts_at": _at(core, 5, 14),
            "capacity": "20",
            "youngest": "60",
            "tags": "书法",
        },
        {
            "title": "亲子烘焙课",
            "description": "一起做月饼，每户限两人。",
            "place": "会所一楼",
            "starts_at": _at(core, 8, 10),
            "capacity": "12",
        },
    ]
    for raw in events:
        core.events.create(estate_id, raw)
