"""`partials serve`: a web page and a JSON API over the same commands.

    requests  - what each endpoint accepts (checked in the server process)
    answers   - one request answered, as the command's --json object (in a worker)
    views     - what the page shows besides that object: MathML, steps, roles
    workers   - worker processes with a time limit and a memory cap, a bounded queue
    warm      - imported by the forkserver: the engine warm once for every worker
    app       - the Starlette application: routes, body limits, status codes
    static/   - the page: index.html, app.js, style.css (no build step, nothing fetched)
"""
