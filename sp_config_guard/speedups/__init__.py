"""The hand-written fast paths, in one place behind one switch.

Each speedup gives exactly what a well-kept library gives, or None ("not mine"), and its
caller then takes the library path: ``canonical_yaml`` (libyaml through ``load.yamlio``),
``jsonpath`` (the ``jsonpath-rfc9535`` library's own evaluation), ``table`` (``tabulate``);
and ``model.kinds`` asks the switch before its compiled schema pre-check (``jsonschema-rs``
before ``jsonschema``). ``SPGUARD_SPEEDUPS=0`` turns every one of them off, so the library
path can be run and compared (``python -m bench.outputs`` gives the same bytes either way);
``SPGUARD_FAST_SCHEMA``, its name before, is read when ``SPGUARD_SPEEDUPS`` is not set.

Why each stays (the library path's time / the speedup's, paired rounds on examples/sp-config,
2-core machine, December 2026; ``python -m bench.speedups``, and farm-bench for whole runs):

- ``canonical_yaml.parse_canonical`` against ``yamlio.parse_yaml`` (libyaml's CSafeLoader and
  the strict checks), line memory cleared: 7.3x (17 vs 127 ms for 411 files; 10% of their
  lines distinct); 5.1x on a 2,000-artifact corpus of the generator before December 2026
  (2.0% of its lines distinct: it flattered the line memory; on the realistic corpus, and
  against yaml-rs, see ``canonical_yaml``'s docstring);
- ``canonical_yaml.positions`` against ``yamlio.compose`` (libyaml's events): 1.9x, 15 rounds
  (2.3x on the corpus);
- ``jsonpath`` against the library's ``find``: 1.8x for locations and values, 3.0x for values
  only (the 26 name/wildcard queries of the shipped rule sets on 411 documents, 9 rounds);
- ``table`` against ``tabulate``: 11x (40-row tables, 0.45 vs 4.9 ms each);
- whole runs, CPU seconds with / without (farm-bench, medians of 5, drift 3): ``lint --format text``
  cold 0.78 / 0.99 on the example and 2.14 / 3.51 on the corpus, ``drift --format json`` on
  the corpus 2.03 / 3.31.
(The JSON reports' write-sink went: the encoder's own pieces joined in batches are as fast as
``json.dumps`` and as small as the sink, see ``report.jsontext``.)"""

from __future__ import annotations

import os
from functools import cache

SWITCH = "SPGUARD_SPEEDUPS"
ALIAS = "SPGUARD_FAST_SCHEMA"  # the switch's name before it covered every speedup


@cache
def enabled() -> bool:
    """Whether the speedups are on: ``SPGUARD_SPEEDUPS`` (else ``SPGUARD_FAST_SCHEMA``) is not
    ``0``. Read once per process (reading the environment costs more than a fast JSONPath
    query); ``enabled.cache_clear()`` makes the next call read it again."""
    value = os.environ.get(SWITCH)
    if value is None:
        value = os.environ.get(ALIAS, "1")
    return value.strip() != "0"
