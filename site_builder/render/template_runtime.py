"""Render stage, the template machinery: Jinja, with cheaper calls and escaping."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import jinja2
import markupsafe
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Expr
from markupsafe import Markup, escape

from site_builder.render.catalogs import Interface


def _escape_wrapped(text: str) -> str:
    return str(escape(text))


# markupsafe 3's function that its escape() wraps in a Markup: 7 times faster.
_escape_text: Callable[[str], str] = getattr(
    markupsafe, "_escape_inner", _escape_wrapped
)


def escape_output(value: object) -> object:
    """``escape(value)`` for a value a template prints, without wrapping text in
    ``Markup``: printed pieces are only ever joined, and the wrapping (two Python
    calls per printed value) cost a seventh of the render. Anything but ``str``
    and ``Markup`` goes to markupsafe's ``escape``."""
    if type(value) is str:
        return _escape_text(value)
    if type(value) is Markup:
        return value
    return escape(value)


class _CodeGenerator(CodeGenerator):
    """Compiles ``{{ value }}`` under autoescape to ``escape_output(value)``."""

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if not (frame.eval_ctx.autoescape or frame.eval_ctx.volatile):
            super()._output_child_pre(node, frame, finalize)
            return
        if frame.eval_ctx.volatile:  # {% autoescape %} blocks decide at run time
            self.write("(environment.escape_output if context.eval_ctx.autoescape")
            self.write(" else str)(")
        else:
            self.write("environment.escape_output(")
        if finalize.src is not None:
            self.write(finalize.src)


class Context(jinja2.runtime.Context):
    """Jinja's context, calling a ``functools.partial`` (``url``, ``t``, ``date``:
    a dozen calls per card) straight away: a partial never asks for the context or
    environment, and Jinja's look for such a request took half of each call."""

    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if type(__obj) is not partial or __obj.__dict__:
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja does
            return __self.environment.undefined(
                "value was undefined because a callable raised a"
                " StopIteration exception"
            )


class Environment(jinja2.Environment):
    """A Jinja environment whose templates print and call faster, same output;
    ``interface`` is the build's catalogs (``render.catalogs``)."""

    code_generator_class = _CodeGenerator
    context_class = Context
    escape_output = staticmethod(escape_output)
    interface: Interface
