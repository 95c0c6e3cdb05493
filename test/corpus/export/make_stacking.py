"""Generates the stacking cases of the fused-export corpus (test/corpus/export/stacking-*/).

    /usr/bin/python3 test/corpus/export/make_stacking.py

The members are those of two scoring-corpus cases (test/corpus/scoring/binary-soft-int and
multiclass-string-labels). Their scikit-learn probabilities on each data row are already in that
case's expected.json (`<member>.proba_<class>`), so each member is wrapped as a prefit estimator
that returns them, and scikit-learn's own
StackingClassifier(final_estimator=LogisticRegression(), cv='prefit', stack_method='predict_proba')
is fitted on the data file's labels and asked for predict_proba / predict. The fitted meta-model
goes into the spec (DESIGN.md "stacking"), the outputs into expected.json. Tests never run this.
"""

import json
import os

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import StackingClassifier
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
SCORING = os.path.join(HERE, '..', 'scoring')


class StoredProba(BaseEstimator, ClassifierMixin):
    """A fitted member whose predict_proba for data row i (X = [[i]]) is its stored probability row."""

    def __init__(self, proba=None, classes=None):
        self.proba = proba
        self.classes = classes
        if classes is not None:
            self.classes_ = np.asarray(classes)

    def fit(self, X, y):  # never called with cv='prefit'
        return self

    def predict_proba(self, X):
        return self.proba[np.asarray(X)[:, 0].astype(int)]

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def make(case, out_name, description):
    folder = os.path.join(SCORING, case)
    scoring_expected = json.load(open(os.path.join(folder, 'expected.json')))
    spec = json.load(open(os.path.join(folder, scoring_expected['spec'])))
    data = pd.read_csv(os.path.join(folder, scoring_expected['data']))
    classes = scoring_expected['classes']
    y = data[scoring_expected['label']].astype(str).to_numpy()
    n = len(y)
    members = [m['name'] for m in spec['members']]
    out = scoring_expected['output']
    estimators = []
    for name in members:
        proba = np.column_stack([np.asarray(out[f'{name}.proba_{c}'], dtype=np.float64) for c in classes])
        estimators.append((name, StoredProba(proba, classes)))
    stack = StackingClassifier(estimators=estimators, final_estimator=LogisticRegression(), cv='prefit',
                               stack_method='predict_proba')
    X = np.arange(n).reshape(-1, 1)
    stack.fit(X, y)
    assert list(stack.classes_) == classes, (stack.classes_, classes)
    meta = stack.final_estimator_
    binary = len(classes) == 2
    features = [f'{m}.proba_{c}' for m in members for c in (classes[1:] if binary else classes)]

    target = os.path.join(HERE, out_name)
    os.makedirs(target, exist_ok=True)
    rel = os.path.relpath(folder, target)
    stacked_spec = dict(spec)
    stacked_spec['name'] = description
    stacked_spec['members'] = [dict(m, model=f'{rel}/{m["model"]}') for m in spec['members']]
    stacked_spec['combiner'] = {
        'method': 'stacking',
        'meta': {'kind': 'logistic', 'features': features,
                 'coef': meta.coef_.tolist(), 'intercept': meta.intercept_.tolist()},
    }
    with open(os.path.join(target, 'ensemble.json'), 'w') as f:
        json.dump(stacked_spec, f, indent=2)
        f.write('\n')
    proba = stack.predict_proba(X)
    expected = {
        'spec': 'ensemble.json',
        'data': f'{rel}/{scoring_expected["data"]}',
        'rows': n,
        'label': scoring_expected['label'],
        'classes': classes,
        'reference': "sklearn StackingClassifier(final_estimator=LogisticRegression(), cv='prefit', "
                     f"stack_method='predict_proba') over the members of scoring/{case}, fitted on its data file",
        'tolerance': {'proba': 1e-5},
        'output': {'prediction': [str(v) for v in stack.predict(X)],
                   **{f'proba_{c}': [float(v) for v in proba[:, k]] for k, c in enumerate(classes)}},
    }
    with open(os.path.join(target, 'expected.json'), 'w') as f:
        json.dump(expected, f)
        f.write('\n')
    print(out_name, 'meta coef', meta.coef_.shape, 'train accuracy', float(np.mean(stack.predict(X) == y)))


make('binary-soft-int', 'stacking-binary', 'breast cancer, logistic stacking of logreg, forest and mlp')
make('multiclass-string-labels', 'stacking-multiclass', 'iris, logistic stacking of logreg, forest and net')
