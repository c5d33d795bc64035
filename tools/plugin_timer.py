"""Timing our plugins from the outside (for `make bench`): every signal handler, generator
and Jinja filter that a module plugins.<name> connected is wrapped and its exclusive time
added to that plugin. The plugins themselves hold no timing code."""

from __future__ import annotations

import functools
import inspect
import time
import weakref
from collections import defaultdict


class PluginTimer:
    """Exclusive time per plugin: a plugin's filter called from another's generator counts
    for the filter's plugin only."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._stack: list[list] = []

    def wrap(self, plugin: str, func):
        timer = self

        @functools.wraps(func)
        def timed(*args, **kwargs):
            frame = [plugin, time.perf_counter(), 0.0]
            timer._stack.append(frame)
            try:
                return func(*args, **kwargs)
            finally:
                timer._stack.pop()
                elapsed = time.perf_counter() - frame[1]
                timer.seconds[plugin] += elapsed - frame[2]
                if timer._stack:
                    timer._stack[-1][2] += elapsed

        timed.bench_timed = True  # not __wrapped__: plugins' own wrappers (lru_cache) have it
        return timed

    def timed_generator(self, plugin: str, cls):
        methods = {
            name: self.wrap(plugin, getattr(cls, name))
            for name in ("generate_context", "generate_output")
            if hasattr(cls, name)
        }
        return type(cls.__name__, (cls,), methods)

    def install(self) -> None:
        """Wrap every receiver that a plugin (module plugins.<name>...) connected."""
        from blinker import Signal
        from blinker.base import ANY_ID
        from pelican.plugins import signals

        for signal in vars(signals).values():
            if not isinstance(signal, Signal) or not signal.receivers:
                continue
            entries = []
            for receiver_id, ref in list(signal.receivers.items()):
                func = ref() if isinstance(ref, weakref.ref) else ref
                senders = getattr(signal, "_by_receiver", {}).get(receiver_id, {ANY_ID})
                entries.append((func, set(senders) == {ANY_ID}))
            if not all(func is not None and any_sender for func, any_sender in entries):
                continue  # a receiver bound to one sender: leave this signal alone
            for func, _ in entries:
                signal.disconnect(func)
            for func, _ in entries:
                plugin = _plugin_of(func)
                if plugin is None:
                    signal.connect(func, weak=False)
                elif signal is signals.get_generators:
                    signal.connect(self._generators_wrapper(plugin, func), weak=False)
                else:
                    signal.connect(self.wrap(plugin, func), weak=False)
        # Last receiver of generator_init: wrap the Jinja filters the plugins just added.
        signals.generator_init.connect(self._wrap_filters, weak=False)

    def _generators_wrapper(self, plugin: str, func):
        def receiver(sender):
            result = func(sender)
            if isinstance(result, type):
                return self.timed_generator(plugin, result)
            if result is None:
                return None
            return [self.timed_generator(plugin, c) if isinstance(c, type) else c for c in result]

        receiver.__module__ = func.__module__
        return receiver

    def _wrap_filters(self, generator) -> None:
        for name, func in list(generator.env.filters.items()):
            plugin = _plugin_of(func)
            if plugin is not None and not getattr(func, "bench_timed", False):
                generator.env.filters[name] = self.wrap(plugin, func)


def _plugin_of(func) -> str | None:
    module = getattr(func, "__module__", "") or ""
    if not module.startswith("plugins."):
        module = getattr(inspect.getmodule(func), "__name__", "") or ""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "plugins" else None
