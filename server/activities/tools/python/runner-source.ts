/**
 * Python source of the runner the worker calls for every request. Each run gets a fresh global
 * namespace with `inputs`; the answer is a JSON string: the last expression as JSON when it is
 * serialisable, else its repr, or the exception formatted with the agent's frames only.
 */
export const RUNNER_SOURCE = `
import json, sys, traceback
from pyodide.code import eval_code_async

_FILENAME = '<code>'
# Bound before any agent code runs: a run that replaces json.dumps (or deletes it) still gets answers.
_dumps = json.dumps
_loads = json.loads
_repr = repr
_TracebackException = traceback.TracebackException
_StackSummary = traceback.StackSummary

def _trim(summary, seen):
    # Keep only the agent's frames, in chained and grouped exceptions too.
    if summary is None or id(summary) in seen:
        return
    seen.add(id(summary))
    summary.stack = _StackSummary.from_list([f for f in summary.stack if f.filename == _FILENAME])
    _trim(summary.__cause__, seen)
    _trim(summary.__context__, seen)
    for inner in getattr(summary, 'exceptions', None) or []:
        _trim(inner, seen)

def _format(error):
    summary = _TracebackException.from_exception(error)
    _trim(summary, set())
    return ''.join(summary.format())

def _answer(value):
    if value is None:
        return _dumps({'ok': True, 'kind': 'none'})
    try:
        return _dumps({'ok': True, 'kind': 'json', 'value': value}, allow_nan=False)
    except (TypeError, ValueError, RecursionError, OverflowError):
        pass
    try:
        text = _repr(value)
    except BaseException as error:
        text = '<unrepresentable %s: %s>' % (type(value).__name__, type(error).__name__)
    return _dumps({'ok': True, 'kind': 'repr', 'value': text[:200000]})

async def run(code, inputs_json):
    namespace = {'__name__': '__main__', 'inputs': _loads(inputs_json)}
    try:
        value = await eval_code_async(code, namespace, filename=_FILENAME)
    except SystemExit as error:
        if error.code in (None, 0):
            return _answer(None)
        return _dumps({'ok': False, 'type': 'SystemExit', 'message': _format(error)})
    except BaseException as error:
        return _dumps({'ok': False, 'type': type(error).__name__, 'message': _format(error)})
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return _answer(value)
`;
