"""SQL repositories for what signing in leaves behind: sessions, API tokens,
one-time codes and the failures that throttle further attempts."""

from datetime import datetime

from sqlalchemy import Connection, delete, insert, select, update

from propcore.access.credentials import ApiToken, CodePurpose, OneTimeCode, Session
from propcore.ids import Id
from propcore_sql.errors import require_row, translated
from propcore_sql.tables import api_tokens, sessions, throttle_failures
from propcore_sql.tables import one_time_codes as codes


class SqlSessionRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, session: Session) -> None:
        row = {
            "id": session.id,
            "account_id": session.account_id,
            "digest": session.digest,
            "created_at": session.created_at,
            "last_seen_at": session.last_seen_at,
            "address": session.address,
        }
        with translated():
            self._db.execute(insert(sessions).values(row))

    def by_digest(self, digest: str) -> Session | None:
        row = self._db.execute(
            select(sessions).where(sessions.c.digest == digest)
        ).first()
        if row is None:
            return None
        return Session(
            row.account_id,
            row.digest,
            row.created_at,
            row.last_seen_at,
            row.address,
            row.id,
        )

    def touch(self, session_id: Id, at: datetime) -> None:
        """Mark the session seen at ``at``; a session already gone stays gone."""
        where = sessions.c.id == session_id
        with translated():
            self._db.execute(update(sessions).where(where).values(last_seen_at=at))

    def remove(self, session_id: Id) -> None:
        with translated():
            self._db.execute(delete(sessions).where(sessions.c.id == session_id))

    def remove_for_account(self, account_id: Id) -> None:
        where = sessions.c.account_id == account_id
        with translated():
            self._db.execute(delete(sessions).where(where))

    def remove_expired(self, seen_before: datetime, created_before: datetime) -> int:
        where = (sessions.c.last_seen_at < seen_before) | (
            sessions.c.created_at < created_before
        )
        return _deleted(self._db, delete(sessions).where(where))


class SqlApiTokenRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, token: ApiToken) -> None:
        with translated():
            self._db.execute(insert(api_tokens).values(_token_row(token)))

    def update(self, token: ApiToken) -> None:
        where = api_tokens.c.id == token.id
        with translated():
            result = self._db.execute(
                update(api_tokens).where(where).values(_token_row(token))
            )
        require_row(result, "api token", token.id)

    def by_digest(self, digest: str) -> ApiToken | None:
        query = select(api_tokens).where(api_tokens.c.digest == digest)
        row = self._db.execute(query).first()
        return _token(row) if row else None

    def for_account(self, account_id: Id) -> list[ApiToken]:
        query = (
            select(api_tokens)
            .where(api_tokens.c.account_id == account_id)
            .order_by(api_tokens.c.created_at.desc(), api_tokens.c.id.desc())
        )
        return [_token(row) for row in self._db.execute(query)]


_newest_first = (codes.c.expires_at.desc(), codes.c.id.desc())


class SqlOneTimeCodeRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, code: OneTimeCode) -> None:
        with translated():
            self._db.execute(insert(codes).values(_code_row(code)))

    def update(self, code: OneTimeCode) -> None:
        where = codes.c.id == code.id
        with translated():
            result = self._db.execute(
                update(codes).where(where).values(_code_row(code))
            )
        require_row(result, "one-time code", code.id)

    def find(self, purpose: CodePurpose, digest: str) -> OneTimeCode | None:
        """Short codes may repeat: an unused one wins, then the newest."""
        query = (
            select(codes)
            .where(codes.c.purpose == purpose.value, codes.c.digest == digest)
            .order_by(codes.c.used_at.is_not(None), *_newest_first)
        )
        return self._first(query)

    def latest(self, account_id: Id, purpose: CodePurpose) -> OneTimeCode | None:
        """The code expiring last, whether used or not."""
        query = (
            select(codes)
            .where(codes.c.account_id == account_id, codes.c.purpose == purpose.value)
            .order_by(*_newest_first)
        )
        return self._first(query)

    def remove_expired(self, before: datetime) -> int:
        return _deleted(self._db, delete(codes).where(codes.c.expires_at < before))

    def _first(self, query) -> OneTimeCode | None:
        row = self._db.execute(query.limit(1)).first()
        if row is None:
            return None
        return OneTimeCode(
            row.account_id,
            CodePurpose(row.purpose),
            row.digest,
            row.expires_at,
            row.used_at,
            row.id,
        )


class SqlThrottleRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def record(self, key: str, at: datetime) -> None:
        with translated():
            self._db.execute(insert(throttle_failures).values(key=key, at=at))

    def failures(self, key: str, since: datetime) -> list[datetime]:
        """The instants of ``key``'s failures at or after ``since``, oldest first."""
        table = throttle_failures
        query = (
            select(table.c.at)
            .where(table.c.key == key, table.c.at >= since)
            .order_by(table.c.at, table.c.id)
        )
        return list(self._db.execute(query).scalars())

    def clear(self, key: str) -> None:
        where = throttle_failures.c.key == key
        with translated():
            self._db.execute(delete(throttle_failures).where(where))

    def forget_before(self, before: datetime) -> int:
        where = throttle_failures.c.at < before
        return _deleted(self._db, delete(throttle_failures).where(where))


def _deleted(db: Connection, statement) -> int:
    with translated():
        return db.execute(statement).rowcount


def _token_row(token: ApiToken) -> dict:
    return {
        "id": token.id,
        "account_id": token.account_id,
        "name": token.name,
        "digest": token.digest,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }


def _token(row) -> ApiToken:
    return ApiToken(
        row.account_id,
        row.name,
        row.digest,
        row.created_at,
        row.last_used_at,
        row.revoked_at,
        row.id,
    )


def _code_row(code: OneTimeCode) -> dict:
    return {
        "id": code.id,
        "account_id": code.account_id,
        "purpose": code.purpose.value,
        "digest": code.digest,
        "expires_at": code.expires_at,
        "used_at": code.used_at,
    }
