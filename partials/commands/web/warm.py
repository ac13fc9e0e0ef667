"""Imported once by the forkserver the workers are forked from: the engine's
modules, its parser and its caches are then warm in every worker, including
a replacement for one killed past its budget."""
from partials.commands.web.answers import answer
from partials.commands.web.workers import WARM_UP

for _endpoint, _request in WARM_UP:
    answer(_endpoint, _request, view=True)
