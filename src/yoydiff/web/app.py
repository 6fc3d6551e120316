"""The reviewers' page (`yoydiff serve`): upload, progress, the memo as a page, downloads, the batch overview.

A Starlette application over `Jobs`. Every response is made from a job found by its random id and
from fixed file names; no path in a request reaches the file system.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..results import SEVERITIES
from .jobs import MAX_FILES, SUFFIXES, Jobs, Refused

STATE_LABEL = {"queued": "排队中", "reading": "正在读取文件", "comparing": "正在比较和核对", "done": "已完成",
               "failed": "未能完成"}
DOWNLOADS = {"pdf": ("application/pdf", "备忘录.pdf"),
             "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "数据.xlsx"),
             "json": ("application/json", "数据.json"),
             "csv": ("application/zip", "数据-csv.zip")}


def _env():
    from ..render.memo import environment
    return environment()


def _page(name: str, **ctx) -> HTMLResponse:
    from ..render.memo import templates_dir
    css = (templates_dir() / "web.css").read_text(encoding="utf-8")
    return HTMLResponse(_env().get_template(name).render(web_css=css, **ctx), status_code=ctx.get("status", 200))


def _error(message: str, status: int, request: Request) -> Response:
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"error": message}, status_code=status)
    return _page("web-error.html.j2", message=message, status=status)


def create_app(jobs: Jobs, max_request_bytes: int | None = None) -> Starlette:
    limit = max_request_bytes or jobs.max_file_bytes * 4 + (1 << 20)
    font = jobs.font

    async def index(request: Request):
        return _page("web-index.html.j2", max_mb=jobs.max_file_bytes // (1024 * 1024), max_files=MAX_FILES,
                     suffixes=list(SUFFIXES), html_suffixes=[s for s, k in SUFFIXES.items() if k == "html"],
                     text_suffixes=[s for s, k in SUFFIXES.items() if k == "text"])

    async def upload(request: Request):
        length = request.headers.get("content-length")
        if length is None:
            return _error("上传请求缺少长度，未接收", 411, request)
        if not length.isdigit() or int(length) > limit:
            return _error(f"上传的文件合计超过 {limit // (1024 * 1024)} MB，未接收", 413, request)
        job = jobs.new_job()
        try:
            form = await request.form(max_files=MAX_FILES + 1, max_fields=10)
            files = [f for f in form.getlist("files") if hasattr(f, "filename") and f.filename]
            if not files:
                raise Refused("没有选择文件")
            for f in files:
                await run_in_threadpool(jobs.add_file, job, f.filename, f.file)
            await form.close()
        except Refused as e:
            jobs.discard(job)
            return _error(str(e), e.status, request)
        except Exception as e:      # a malformed request body
            jobs.discard(job)
            return _error(f"上传请求无法解析（{type(e).__name__}）", 400, request)
        jobs.start(job)
        url = f"/j/{job.id}"
        if "application/json" in request.headers.get("accept", ""):
            return JSONResponse({"id": job.id, "url": url}, status_code=202)
        return RedirectResponse(url, status_code=303)

    def _job(request: Request):
        job = jobs.get(request.path_params["job"])
        if job is None:
            raise Refused("没有这项任务（可能已过期或服务已重启），请重新上传", 404)
        return job

    def _result(request: Request):
        job = _job(request)
        key = request.path_params["key"]
        r = next((r for r in job.results if r.key == key), None)
        if r is None or r.report is None:
            raise Refused("没有这份备忘录", 404)
        return job, r

    async def job_page(request: Request):
        try:
            job = _job(request)
        except Refused as e:
            return _error(str(e), e.status, request)
        st = job.status()
        if job.state == "done" and len(job.results) == 1 and not st["file_errors"] and not job.results[0].error \
                and not job.notes and request.query_params.get("overview") is None:
            return RedirectResponse(f"/j/{job.id}/m/{job.results[0].key}", status_code=303)
        return _page("web-job.html.j2", job=job, st=st, state_label=STATE_LABEL, severities=SEVERITIES,
                     severity_label=_severity_labels())

    async def status(request: Request):
        try:
            job = _job(request)
        except Refused as e:
            return JSONResponse({"error": str(e)}, status_code=e.status)
        return JSONResponse(job.status())

    async def memo_page(request: Request):
        try:
            job, r = _result(request)
        except Refused as e:
            return _error(str(e), e.status, request)
        from ..render.memo import MATCH_LABEL, templates_dir
        css = (templates_dir() / "memo.css").read_text(encoding="utf-8")
        base = f"/j/{job.id}/m/{r.key}/crop/"
        return _page("web-memo.html.j2", memo=r.memo, job=job, result=r, css=css, font=font,
                     matches=r.report.matches, match_label=MATCH_LABEL, downloads=DOWNLOADS,
                     multiple=len(job.results) > 1 or bool(job.notes), crop_src=lambda p: f"{base}{p.key}.jpg")

    async def crop(request: Request):
        from ..render.evidence import panels
        try:
            _job_, r = _result(request)
        except Refused as e:
            return _error(str(e), e.status, request)
        p = panels(r.memo).get(request.path_params["panel"])
        if p is None:
            return _error("没有这张截图", 404, request)
        return Response(p.image, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})

    async def download(request: Request):
        try:
            job, r = _result(request)
        except Refused as e:
            return _error(str(e), e.status, request)
        fmt = request.path_params["fmt"]
        if fmt not in DOWNLOADS:
            return _error("没有这种下载格式", 404, request)
        mime, suffix = DOWNLOADS[fmt]
        data = await run_in_threadpool(_export, job.folder, r, fmt, font)
        name = f"{r.department or '部门'}-{r.label.replace(' → ', '至')}-{suffix}"
        from urllib.parse import quote
        return Response(data, media_type=mime, headers={
            "Content-Disposition": f"attachment; filename=\"memo.{fmt if fmt != 'csv' else 'zip'}\"; "
                                   f"filename*=UTF-8''{quote(name)}"})

    async def handle_refused(request: Request, exc: Refused):
        return _error(str(exc), exc.status, request)

    async def not_found(request: Request, exc):
        return _error("没有这个页面", 404, request)

    async def failed(request: Request, exc: Exception):
        return _error(f"服务内部出错（{type(exc).__name__}），请重试；其他任务不受影响", 500, request)

    routes = [
        Route("/", index),
        Route("/upload", upload, methods=["POST"]),
        Route("/j/{job:str}", job_page),
        Route("/j/{job:str}/status", status),
        Route("/j/{job:str}/m/{key:str}", memo_page),
        Route("/j/{job:str}/m/{key:str}/download/{fmt:str}", download),
        Route("/j/{job:str}/m/{key:str}/crop/{panel:str}.jpg", crop),
    ]
    return Starlette(routes=routes, exception_handlers={Refused: handle_refused, 404: not_found,
                                                                Exception: failed})


def _severity_labels() -> dict:
    from ..render.memo import SEVERITY_LABEL
    return SEVERITY_LABEL


def _export(folder: Path, r, fmt: str, font: str) -> bytes:
    """The download's bytes, written once into the job's folder under a fixed name."""
    from ..render import exports
    from ..render.memo import render_pdf

    out = folder / f"memo-{r.key}.{fmt}"
    if fmt == "csv":
        out = folder / f"memo-{r.key}.zip"
    if not out.exists():
        tmp = out.with_name("part-" + out.name)
        if fmt == "pdf":
            render_pdf(r.report, tmp, font, memo=r.memo)
        elif fmt == "xlsx":
            exports.write_xlsx(r.memo, tmp)
        elif fmt == "json":
            exports.write_json(r.report, tmp)
        else:
            sub = folder / f"csv-{r.key}"
            sub.mkdir(exist_ok=True)
            exports.write_csv(r.memo, sub / "memo.csv")
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
                for p in sorted(sub.glob("*.csv")):
                    z.write(p, p.name)
        tmp.replace(out)
    return out.read_bytes()


__all__ = ["create_app"]
