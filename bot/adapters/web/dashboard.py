"""The teacher dashboard: learners and their progress, behind a password, CSRF-protected.

Nothing about students is shown without a signed-in teacher, even on 127.0.0.1.
"""

from __future__ import annotations

import secrets
from typing import Any

from aiohttp import web

from bot.adapters.web.auth import LoginLimiter, PasswordChecker, TeacherSessions
from bot.adapters.web.config import WebSettings
from bot.adapters.web.pages import TEMPLATES
from bot.adapters.web.sections import classes_section, flags_section, gaps_section
from bot.challenges.rounds import pseudonym
from bot.conversation.services import Services
from bot.learning.report import progress_report

TEACHER_COOKIE = "pl_teacher"
PRELOGIN_COOKIE = "pl_login"


class Dashboard:
    def __init__(self, services: Services, settings: WebSettings) -> None:
        self.services = services
        self.settings = settings
        self.sessions = TeacherSessions()
        self.limiter = LoginLimiter()
        self.passwords = PasswordChecker(settings.teacher_password_hash.get_secret_value())
        self.extra_sections: list[Any] = [classes_section, gaps_section, flags_section]

    def register(self, app: web.Application) -> None:
        app.router.add_get("/teacher", self.home)
        app.router.add_post("/teacher/login", self.login)
        app.router.add_post("/teacher/logout", self.logout)
        app.router.add_get("/teacher/learners/{id:\\d+}", self.learner)
        app.router.add_get("/teacher/learners/{id:\\d+}/chart.png", self.chart)

    def _page(self, name: str, status: int = 200, **values: Any) -> web.Response:
        html = TEMPLATES.get_template(name).render(**values)
        return web.Response(text=html, content_type="text/html", status=status)

    def _signed_in(self, request: web.Request) -> bool:
        return self.sessions.valid(request.cookies.get(TEACHER_COOKIE))

    def _login_page(
        self, request: web.Request, *, error: str = "", status: int = 200
    ) -> web.Response:
        # A random form token, never a session: it only proves the form came from this page.
        token = request.cookies.get(PRELOGIN_COOKIE) or secrets.token_urlsafe(32)
        response = self._page(
            "login.html",
            status=status,
            error=error,
            csrf=self.sessions.csrf(token),
            configured=bool(self.settings.teacher_password_hash.get_secret_value()),
        )
        response.set_cookie(
            PRELOGIN_COOKIE,
            token,
            httponly=True,
            samesite="Strict",
            path="/teacher",
            secure=request.secure,
        )
        return response

    async def home(self, request: web.Request) -> web.Response:
        if not self._signed_in(request):
            return self._login_page(request)
        learners = await self.services.reports.overview()
        sections = [await section(self.services) for section in self.extra_sections]
        token = request.cookies.get(TEACHER_COOKIE, "")
        names = {learner.id: pseudonym(learner.id) for learner in learners}
        return self._page(
            "dashboard.html",
            learners=learners,
            names=names,
            sections=sections,
            csrf=self.sessions.csrf(token),
        )

    async def login(self, request: web.Request) -> web.Response:
        form = await request.post()
        address = request.remote or "?"
        if not self.sessions.csrf_ok(request.cookies.get(PRELOGIN_COOKIE), str(form.get("csrf"))):
            return self._login_page(
                request, error="The form expired. Please try again.", status=403
            )
        if not self.limiter.allowed(address):
            return self._login_page(request, error="Too many tries. Wait five minutes.", status=429)
        if not await self.passwords.check(str(form.get("password", ""))):
            self.limiter.failed(address)
            return self._login_page(request, error="Wrong password.", status=401)
        response = web.HTTPSeeOther("/teacher")
        response.set_cookie(
            TEACHER_COOKIE,
            self.sessions.create(),
            httponly=True,
            secure=request.secure,
            samesite="Strict",
            path="/teacher",
        )
        response.del_cookie(PRELOGIN_COOKIE, path="/teacher")
        raise response

    async def logout(self, request: web.Request) -> web.Response:
        # Signing out always ends the session, form token or not: ending one is never harmful.
        self.sessions.end(request.cookies.get(TEACHER_COOKIE))
        response = web.HTTPSeeOther("/teacher")
        response.del_cookie(TEACHER_COOKIE, path="/teacher")
        raise response

    async def learner(self, request: web.Request) -> web.Response:
        if not self._signed_in(request):
            raise web.HTTPSeeOther("/teacher")
        learner_id = _learner_id(request)
        row = await self.services.reports.learner(learner_id)
        if row is None:
            raise web.HTTPNotFound()
        services = self.services
        report = await progress_report(
            services.learning, services.users, learner_id, services.clock.now()
        )
        items = await services.learning.items(learner_id, limit=200)
        return self._page("learner.html", learner=row, lines=report.lines, items=items)

    async def chart(self, request: web.Request) -> web.Response:
        if not self._signed_in(request):
            raise web.HTTPForbidden()
        services = self.services
        learner_id = _learner_id(request)
        if await services.reports.learner(learner_id) is None:
            raise web.HTTPNotFound()
        report = await progress_report(
            services.learning, services.users, learner_id, services.clock.now()
        )
        return web.Response(
            body=report.chart_png, content_type="image/png", headers={"Cache-Control": "no-store"}
        )


def _learner_id(request: web.Request) -> int:
    """The id in the path; one SQLite cannot hold (more than 18 digits) is nobody: 404."""
    text = request.match_info["id"]
    if len(text) > 18:
        raise web.HTTPNotFound()
    return int(text)
