#!/usr/bin/python3
"""Reference fixtures for the ensemble combiners, computed with scikit-learn / scipy themselves.

Run with Debian's python (numpy, scipy, scikit-learn):  /usr/bin/python3 test/corpus/ensemble/generate.py
Writes combiners.json next to this file; the TypeScript tests read only that JSON.

Each classification case lists members with their RAW outputs (probabilities, [N,1] binary
probabilities, logits, or predicted labels) in the member's own class order, and the expected
member probabilities aligned to the ensemble classes plus every combiner's result.
Soft voting and VotingRegressor are computed by scikit-learn's own VotingClassifier /
VotingRegressor (given pre-fitted estimators that return the aligned member outputs); hard voting
by VotingClassifier.predict; stacking meta-models are real LogisticRegression / Ridge fits.
"""
import json
import os

import numpy as np
import sklearn
from scipy.special import expit, softmax
from scipy.stats import rankdata
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.ensemble import VotingClassifier, VotingRegressor
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.preprocessing import LabelEncoder

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261123)
N = 48


class FixedClassifier(ClassifierMixin, BaseEstimator):
    """Returns fixed probabilities for rows X = [[0], [1], ...] (row index as the only feature)."""

    def __init__(self, proba=None):
        self.proba = proba

    def predict_proba(self, X):
        return self.proba[X[:, 0].astype(int)]

    def predict(self, X):
        # VotingClassifier's hard vote expects encoded labels; np.argmax ties to the first class.
        return np.argmax(self.predict_proba(X), axis=1)


class FixedRegressor(RegressorMixin, BaseEstimator):
    def __init__(self, values=None):
        self.values = values

    def predict(self, X):
        return self.values[X[:, 0].astype(int)]


def quantised_proba(n, k, step=0.1, zero_class=None):
    """Probabilities on a 0.1 grid: many exact ties and zeros."""
    units = int(round(1 / step))
    out = np.zeros((n, k))
    for r in range(n):
        cuts = np.sort(rng.integers(0, units + 1, size=k - 1))
        parts = np.diff(np.concatenate([[0], cuts, [units]]))
        out[r] = parts / units
    if zero_class is not None:
        out[:, zero_class] = 0
        out /= out.sum(axis=1, keepdims=True)
    return out


def smooth_proba(n, k):
    return rng.dirichlet(np.ones(k), size=n)


def label_str(label):
    return str(label)


def member_entry(name, classes, weight, kind, raw, aligned):
    labels = [label_str(c) for c in classes]
    entry = {
        'name': name,
        'classes': labels,
        'labelType': 'int64' if isinstance(classes[0], (int, np.integer)) else 'string',
        'weight': weight,
        'outputKind': kind,
        'aligned': aligned.ravel().tolist(),
    }
    if kind == 'label':
        entry['dims'] = [len(raw)]
        entry['data'] = [int(v) if isinstance(v, (int, np.integer)) else str(v) for v in raw]
    else:
        entry['dims'] = list(raw.shape)
        entry['data'] = raw.ravel().tolist()
    return entry


def align(ens_classes, member_classes, member_proba):
    out = np.zeros((member_proba.shape[0], len(ens_classes)))
    index = {label_str(c): i for i, c in enumerate(ens_classes)}
    for j, c in enumerate(member_classes):
        out[:, index[label_str(c)]] = member_proba[:, j]
    return out


def prefit_voting_classifier(ens_classes, aligned, weights, voting):
    estimators = [(f'm{i}', FixedClassifier(p)) for i, p in enumerate(aligned)]
    vc = VotingClassifier(estimators=estimators, voting=voting, weights=weights)
    # What fit() would set, without fitting: the estimators return the given outputs.
    vc.estimators_ = [e for _, e in estimators]
    vc.le_ = LabelEncoder().fit(np.asarray(ens_classes))
    vc.classes_ = vc.le_.classes_
    vc.named_estimators_ = dict(estimators)
    return vc


def classification_expected(ens_classes, aligned, weights):
    X = np.arange(aligned[0].shape[0]).reshape(-1, 1)
    w = np.asarray(weights, dtype=float)
    take = w != 0
    wn = w / w.sum()
    k = len(ens_classes)

    soft = prefit_voting_classifier(ens_classes, aligned, weights, 'soft')
    soft_proba = soft.predict_proba(X)
    soft_pred = soft.le_.transform(soft.predict(X))

    hard = prefit_voting_classifier(ens_classes, aligned, weights, 'hard')
    hard_pred = hard.le_.transform(hard.predict(X))
    votes = np.stack([np.argmax(p, axis=1) for p in aligned])  # members × N
    shares = np.zeros((X.shape[0], k))
    for i in range(len(aligned)):
        shares[np.arange(X.shape[0]), votes[i]] += w[i]
    shares /= w.sum()

    stack = np.stack([p for p, t in zip(aligned, take) if t])
    wt = wn[take]
    with np.errstate(divide='ignore'):
        geo = np.prod(stack ** wt[:, None, None], axis=0)
    geo_sum = geo.sum(axis=1, keepdims=True)
    geo = np.where(geo_sum > 0, geo / np.where(geo_sum > 0, geo_sum, 1), soft_proba)

    med = np.median(stack, axis=0)
    med_sum = med.sum(axis=1, keepdims=True)
    med = np.where(med_sum > 0, med / np.where(med_sum > 0, med_sum, 1), soft_proba)

    expected = {
        'soft_vote': {'proba': soft_proba.ravel().tolist(), 'prediction': soft_pred.tolist()},
        'hard_vote': {'proba': shares.ravel().tolist(), 'prediction': hard_pred.tolist()},
        'geometric_mean': {'proba': geo.ravel().tolist(), 'prediction': np.argmax(geo, axis=1).tolist()},
        'median': {'proba': med.ravel().tolist(), 'prediction': np.argmax(med, axis=1).tolist()},
        'geometric_mean_fallback_rows': int((geo_sum[:, 0] == 0).sum()),
        'median_fallback_rows': int((med_sum[:, 0] == 0).sum()),
    }

    # Stacking: the final estimator StackingClassifier would fit on predict_proba meta-features.
    meta_x = np.hstack([p[:, 1:] if k == 2 else p for p in aligned])
    y = rng.integers(0, k, size=X.shape[0])
    y[:k] = np.arange(k)  # every class present
    lr = LogisticRegression().fit(meta_x, y)
    expected['stacking'] = {
        'meta': {'kind': 'logistic', 'features': [], 'coef': lr.coef_.tolist(), 'intercept': lr.intercept_.tolist()},
        'proba': lr.predict_proba(meta_x).ravel().tolist(),
        'prediction': lr.predict(meta_x).tolist(),
    }

    if k == 2:
        n = X.shape[0]
        ranks = np.stack([rankdata(p[:, 1]) for p in aligned])
        score = (wn[:, None] * ranks).sum(axis=0) / n
        expected['rank_mean'] = {
            'score': score.tolist(),
            'ranks': ranks.tolist(),
            'prediction': (score > 0.5).astype(int).tolist(),
        }
    return expected


def classification_case(name, ens_input_classes, members, weights, explicit_classes=None):
    """members: (name, member classes, kind, raw output, member-order probabilities)."""
    ens = explicit_classes if explicit_classes is not None else np.unique(
        np.concatenate([np.asarray(m[1]) for m in members])
    ).tolist()
    aligned = [align(ens, m[1], m[4]) for m in members]
    entries = [
        member_entry(m[0], m[1], weights[i], m[2], m[3], aligned[i]) for i, m in enumerate(members)
    ]
    return {
        'name': name,
        'task': 'classification',
        'rows': N,
        'explicitClasses': None if explicit_classes is None else [label_str(c) for c in explicit_classes],
        'classes': [label_str(c) for c in ens],
        'members': entries,
        'expected': classification_expected(ens, aligned, weights),
    }


def label_member(name, classes, n):
    idx = rng.integers(0, len(classes), size=n)
    labels = [classes[i] for i in idx]
    onehot = np.zeros((n, len(classes)))
    onehot[np.arange(n), idx] = 1
    return (name, classes, 'label', labels, onehot)


def logits_member(name, classes, n):
    z = np.round(rng.normal(0, 2, size=(n, len(classes))), 1)
    z[0] = 0.0  # a row of equal logits: an exact tie
    return (name, classes, 'logits', z, softmax(z, axis=1))


def int_multiclass_case():
    classes = [0, 1, 2]
    a = quantised_proba(N, 3)
    b = quantised_proba(N, 2)  # lacks class 1
    # Rows where supports do not intersect: forces the zero-safe fallbacks.
    a[0] = [1, 0, 0]
    b[0] = [0, 1]  # member b's second class is 2
    members = [
        ('forest', classes, 'probabilities', a, a),
        ('partial', [0, 2], 'probabilities', b, b),
        logits_member('net', classes, N),
        label_member('labels', classes, N),
    ]
    return classification_case('int-multiclass', classes, members, [2, 1, 1.5, 0.5])


def string_multiclass_case():
    classes = ['setosa', 'versicolor', 'virginica']
    shuffled = ['virginica', 'setosa', 'versicolor']
    a = quantised_proba(N, 3)
    b = quantised_proba(N, 3)
    c = smooth_proba(N, 3)
    members = [
        ('a', classes, 'probabilities', a, a),
        ('b_shuffled', shuffled, 'probabilities', b, b),
        ('c', classes, 'probabilities', c, c),
        label_member('d_labels', shuffled, N),
    ]
    # Equal weights: hard votes tie often (2-2 splits) and must go to the first class.
    return classification_case('string-multiclass', classes, members, [1, 1, 1, 1])


def binary_case():
    classes = [0, 1]
    p1 = np.round(rng.uniform(0, 1, size=(N, 1)), 1)  # [N,1] P(second class), with ties
    z1 = np.round(rng.normal(0, 2, size=(N, 1)), 1)  # [N,1] logit
    two = quantised_proba(N, 2)
    unused = quantised_proba(N, 2)  # weight 0: takes no part
    members = [
        ('p_one_column', classes, 'probabilities', p1, np.hstack([1 - p1, p1])),
        ('logit_one_column', classes, 'logits', z1, np.hstack([1 - expit(z1), expit(z1)])),
        ('two_columns', classes, 'probabilities', two, two),
        ('unused', classes, 'probabilities', unused, unused),
    ]
    return classification_case('binary', classes, members, [1, 2, 1, 0])


def explicit_classes_case():
    """Spec classes given (not sorted) and a member lacking one: order follows the spec."""
    explicit = ['no', 'yes', 'maybe']
    a = quantised_proba(N, 2)
    b = smooth_proba(N, 3)
    members = [
        ('yes_no', ['yes', 'no'], 'probabilities', a, a),
        ('three', ['maybe', 'no', 'yes'], 'probabilities', b, b),
    ]
    return classification_case('explicit-classes', explicit, members, [3, 1], explicit_classes=explicit)


def disjoint_case():
    """Three members whose supports often do not intersect: every geometric mean and median
    is 0 on such rows, which exercises the soft-vote fallback."""
    classes = ['a', 'b', 'c']
    members = []
    for i in range(3):
        p = quantised_proba(N, 3, step=0.5)
        p[: N // 2] = np.eye(3)[(np.arange(N // 2) + i) % 3]
        members.append((f'm{i}', classes, 'probabilities', p, p))
    return classification_case('disjoint-supports', classes, members, [1, 1, 2])


def regression_case():
    X = np.arange(N).reshape(-1, 1)
    values = [rng.normal(10, 3, size=N), np.round(rng.normal(10, 3, size=N), 1), rng.normal(8, 1, size=N)]
    weights = [0.5, 2.0, 1.0]
    estimators = [(f'm{i}', FixedRegressor(v)) for i, v in enumerate(values)]
    vr = VotingRegressor(estimators=estimators, weights=weights)
    vr.estimators_ = [e for _, e in estimators]
    vr.named_estimators_ = dict(estimators)
    mean = vr.predict(X)
    median = np.median(np.stack(values), axis=0)
    target = np.stack(values).mean(axis=0) + rng.normal(0, 0.5, size=N)
    ridge = Ridge().fit(np.stack(values, axis=1), target)
    return {
        'name': 'regression',
        'task': 'regression',
        'rows': N,
        'members': [
            {'name': f'm{i}', 'weight': weights[i], 'dims': [N, 1] if i == 1 else [N], 'data': v.tolist()}
            for i, v in enumerate(values)
        ],
        'expected': {
            'mean': mean.tolist(),
            'median': median.tolist(),
            'stacking': {
                'meta': {
                    'kind': 'ridge',
                    'features': [],
                    'coef': ridge.coef_.tolist(),
                    'intercept': float(ridge.intercept_),
                },
                'values': ridge.predict(np.stack(values, axis=1)).tolist(),
            },
        },
    }


def class_order_cases():
    """np.unique order of label unions: numeric when all are numbers, else by code point."""
    sets = [
        [[10, 2], [1, 2, 10]],
        [['b', 'B'], ['a', '_', 'Z']],
        [['10', '9', 'x']],
        [[-1, 3], [0]],
        [['2.5', '-1'], ['10']],
    ]
    out = []
    for labels in sets:
        flat = [v for s in labels for v in s]
        if all(isinstance(v, int) for v in flat):
            expected = [str(v) for v in np.unique(np.asarray(flat))]
        elif all(_is_number(str(v)) for v in flat):
            expected = [str(v) for v in sorted(set(flat), key=float)]  # what np.unique of the numbers gives
        else:
            expected = [str(v) for v in np.unique(np.asarray([str(v) for v in flat]))]
        out.append({'labels': [[str(v) for v in s] for s in labels], 'expected': expected})
    return out


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def main():
    fixture = {
        'generator': 'test/corpus/ensemble/generate.py',
        'versions': {'numpy': np.__version__, 'scikit-learn': sklearn.__version__},
        'classification': [int_multiclass_case(), string_multiclass_case(), binary_case(), explicit_classes_case(), disjoint_case()],
        'regression': [regression_case()],
        'classOrder': class_order_cases(),
    }
    with open(os.path.join(HERE, 'combiners.json'), 'w') as f:
        json.dump(fixture, f, indent=None, separators=(',', ':'))
        f.write('\n')


if __name__ == '__main__':
    main()
