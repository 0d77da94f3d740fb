"""Training, evaluation, scoring and corpus readers: research code, apart from inference.

It builds on the public functions of :mod:`slant.analyze` (and the base layer); nothing in
inference imports it. :mod:`.techniques` trains and scores the techniques model on PTC,
:mod:`.quotes` scores quotes and learns the cue lexicon on PolNeAR (read by :mod:`.polnear`).
"""
