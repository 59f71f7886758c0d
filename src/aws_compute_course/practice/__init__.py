"""Exam practice that remembers the learner: timed mixed exams with a report, practice by
topic (weakest first), FSRS flashcards, and progress kept on disk per learner.

- :mod:`.bank`: every built topic's questions, drawn in proportion, shown in the quizzes'
  per-learner option order;
- :mod:`.exam`: an exam's answers, flags, clock and score (plain data, clock passed in);
- :mod:`.report`: the report as HTML; :mod:`.progress`: the history and its chart;
- :mod:`.cards`: flashcards from facts and missed questions, scheduled by ``fsrs``;
- :mod:`.store`: the SQLite progress file under the Jupyter data directory;
- :mod:`.session`: :class:`Practice`, which ties them together for one learner;
- :mod:`.exam_view`, :mod:`.study_view`: the widgets of ``course/10_practice.ipynb``.
"""
