"""Times on pages are shown in the deployment's time zone, whatever is stored."""


def test_status_history_shows_shanghai_time_and_translated_system_reasons(
    admin_client, unit
):
    page = admin_client.get(f"/units/{unit.id}").text

    assert "2026年12月1日 09:00:00" in page
    assert "新建" in page
    assert ">created<" not in page
