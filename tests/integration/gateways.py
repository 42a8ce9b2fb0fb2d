"""Real servers on loopback for the delivery tests: an SMTP server that
wants STARTTLS and a login (aiosmtpd), and an HTTP server that speaks the
Aliyun SMS request format. Either can be taken down and brought back on
the same port."""

import json
import socket
import ssl
import threading
from collections import Counter
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from propcore_sms.aliyun import sign

SMTP_LOGIN, SMTP_PASSWORD = "relay@example.test", "s3cret"
ALIYUN_SECRET = "test-secret"
# what the approved notice template (SMS_100003) has room for
NOTICE_PARAMS = ["estate", "title"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """Keeps every mail it accepted, with whether it came over TLS from a
    signed-in client."""

    def __init__(self, ca: trustme.CA) -> None:
        self.port = free_port()
        self.mails: list[tuple[EmailMessage, bool]] = []
        self._context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1").configure_cert(self._context)
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(
            self,
            hostname="127.0.0.1",
            port=self.port,
            tls_context=self._context,
            require_starttls=True,
            auth_required=True,
            authenticator=_authenticate,
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    async def handle_DATA(self, server, session, envelope) -> str:
        mail = message_from_bytes(envelope.content, policy=policy.default)
        self.mails.append((mail, bool(session.ssl and session.authenticated)))
        return "250 OK"

    def keys(self) -> Counter:
        return Counter(mail["X-Propcore-Key"] for mail, _ in self.mails)


def _authenticate(server, session, envelope, mechanism, data) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        SMTP_LOGIN.encode(),
        SMTP_PASSWORD.encode(),
    )
    return AuthResult(success=ok)


class SmsGateway:
    """Answers ``SendSms`` as Aliyun does; ``failing`` makes it answer 503."""

    def __init__(self) -> None:
        self.port = free_port()
        self.received: list[dict[str, str]] = []
        self.failing = False
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                gateway._answer(self, form)

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def _answer(self, handler: BaseHTTPRequestHandler, form: dict[str, str]) -> None:
        if self.failing:
            status, answer = 503, {"Code": "ServiceUnavailable"}
        elif form.get("Signature") != sign(form, ALIYUN_SECRET):
            status, answer = 400, {"Code": "SignatureDoesNotMatch"}
        else:
            self.received.append(form)
            status, answer = 200, {"Code": "OK", "BizId": str(len(self.received))}
        body = json.dumps(answer).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def keys(self) -> Counter:
        return Counter(form["OutId"] for form in self.received)


def plugin_options(mail: MailServer, sms: SmsGateway, ca_file: Path) -> dict:
    """``settings.plugins`` for a deployment using both servers."""
    return {
        "email": {
            "host": "127.0.0.1",
            "port": mail.port,
            "sender": "wuye@example.test",
            "sender_name": "物业服务中心",
            "username": SMTP_LOGIN,
            "password": SMTP_PASSWORD,
            "ca_file": str(ca_file),
            "timeout": 5,
        },
        "sms": {
            "base_url": sms.url,
            "access_key_id": "test-id",
            "access_key_secret": ALIYUN_SECRET,
            "sign_name": "物业服务",
            "templates": {
                "bill_issued": "SMS_100001",
                "sign_in_code": "SMS_100002",
                "notice_published": {"code": "SMS_100003", "params": NOTICE_PARAMS},
            },
            "timeout": 5,
        },
    }
