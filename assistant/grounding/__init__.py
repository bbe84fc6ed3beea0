"""Answers from the user's own files that hold only what the files say (issue 24): which passage and sentences
answer (`evidence`), whether a reply's facts are in them (`claims`), whether a question is about the user's own
world (`personal`), and what is said when the model's reply fails its check or nothing was found (`replies`)."""
