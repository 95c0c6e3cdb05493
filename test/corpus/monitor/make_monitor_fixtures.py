"""Reference fixtures for the monitor statistics (main/monitor), computed with NumPy and SciPy.

Run from the repository root with any Python that has numpy and scipy:

    python3 test/corpus/monitor/make_monitor_fixtures.py

It writes numeric.json, categorical.json and uncertainty.json beside it. The TypeScript tests read
those files only; they never need Python. NaN is written as null (JSON has no NaN). Floats are
written by repr, which round-trips exactly into a JavaScript number.

Where SciPy has the statistic (KS, Wasserstein, Jensen-Shannon) we call it; PSI, quantile bins and
the uncertainty columns have no library function, so they are written here in plain NumPy straight
from the definitions in docs/MONITORING.md, as an independent second implementation.
"""
import json
import os
import platform

import numpy as np
import scipy
from scipy.spatial.distance import jensenshannon
from scipy.stats import ks_2samp, wasserstein_distance

HERE = os.path.dirname(os.path.abspath(__file__))
FLOOR = 1e-4  # share floor for PSI, so an empty bin costs a finite amount
QUANTILES = np.arange(1, 10) / 10  # 0.1, 0.2, ..., 0.9 (k/10 is the same double as the literal)


def nan_to_none(values):
    return [None if (isinstance(v, float) and np.isnan(v)) else v for v in values]


def floats(array):
    return [float(v) for v in np.asarray(array, dtype=np.float64).ravel()]


def psi_from_shares(ref_share, cur_share):
    ref = np.maximum(ref_share, FLOOR)
    cur = np.maximum(cur_share, FLOOR)
    return float(np.sum((cur - ref) * np.log(cur / ref)))


def numeric_case(name, reference, current):
    reference = np.asarray(reference, dtype=np.float64)
    current = np.asarray(current, dtype=np.float64)
    ref = reference[~np.isnan(reference)]
    cur = current[~np.isnan(current)]

    edges = np.unique(np.quantile(ref, QUANTILES))  # method='linear' is numpy's default
    # A value's bin is the number of edges strictly below it: searchsorted 'left'.
    ref_bins = np.bincount(np.searchsorted(edges, ref, side='left'), minlength=len(edges) + 1)
    cur_bins = np.bincount(np.searchsorted(edges, cur, side='left'), minlength=len(edges) + 1)
    psi = psi_from_shares(ref_bins / ref.size, cur_bins / cur.size)

    both = np.concatenate([ref, cur])
    hist_edges = np.histogram_bin_edges(both, bins=10)
    hist_ref, _ = np.histogram(ref, bins=hist_edges)
    hist_cur, _ = np.histogram(cur, bins=hist_edges)

    return {
        'name': name,
        'reference': nan_to_none(floats(reference)),
        'current': nan_to_none(floats(current)),
        'expected': {
            'ks': float(ks_2samp(ref, cur).statistic),
            'wasserstein': float(wasserstein_distance(ref, cur)),
            'psi': psi,
            'psiEdges': floats(edges),
            'psiReferenceCounts': [int(c) for c in ref_bins],
            'psiCurrentCounts': [int(c) for c in cur_bins],
            'referenceMissingShare': float(np.isnan(reference).mean()),
            'currentMissingShare': float(np.isnan(current).mean()),
            'histogramEdges': floats(hist_edges),
            'histogramReference': [int(c) for c in hist_ref],
            'histogramCurrent': [int(c) for c in hist_cur],
        },
    }


def numeric_cases():
    rng = np.random.default_rng(20240611)
    with_nans_ref = rng.normal(10, 2, 400)
    with_nans_ref[rng.random(400) < 0.1] = np.nan
    with_nans_cur = rng.normal(10.5, 2, 300)
    with_nans_cur[rng.random(300) < 0.3] = np.nan
    return [
        numeric_case('stable', rng.normal(0, 1, 1000), rng.normal(0, 1, 800)),
        numeric_case('shifted', rng.normal(0, 1, 1000), rng.normal(1, 1.5, 800)),
        # Small integers: quantile edges fall on data values, KS and Wasserstein meet many ties.
        numeric_case(
            'ties',
            rng.choice([0, 1, 2, 3, 4, 5], 500, p=[0.3, 0.25, 0.2, 0.1, 0.1, 0.05]).astype(float),
            rng.choice([0, 1, 2, 3, 4, 5, 6], 450, p=[0.1, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1]).astype(float),
        ),
        # Two decimals: ties everywhere and interpolated edges that sit between data values.
        numeric_case('rounded', np.round(rng.gamma(2, 1, 2000), 2), np.round(rng.gamma(2.2, 1, 1500), 2)),
        numeric_case('nans', with_nans_ref, with_nans_cur),
        numeric_case('tiny one vs two', [1.0], [2.0, 2.0]),
        numeric_case('tiny three vs one', [3.0, 1.0, 2.0], [2.0]),
        numeric_case('tiny with nan', [float('nan'), 0.5, -0.5, 0.25], [0.25, float('nan')]),
        numeric_case('constant reference', [5.0] * 20, [4.0, 5.0, 5.0, 6.0, 7.0]),
        numeric_case('identical', [0.1, 0.2, 0.2, 0.3, 0.7, 1.1], [0.1, 0.2, 0.2, 0.3, 0.7, 1.1]),
        numeric_case('current outside range', rng.uniform(0, 1, 100), rng.uniform(2, 3, 60)),
        numeric_case('negative and large', rng.normal(-1e6, 5e4, 300), rng.normal(-1.02e6, 5e4, 250)),
    ]


def categorical_case(name, reference, current):
    ref = [v for v in reference if v is not None]
    cur = [v for v in current if v is not None]
    ref_cats = sorted(set(ref))
    ref_index = {c: i for i, c in enumerate(ref_cats)}
    # PSI: reference categories plus one "other" bucket (index len(ref_cats)) for unseen values.
    ref_counts = np.zeros(len(ref_cats) + 1)
    cur_counts = np.zeros(len(ref_cats) + 1)
    for v in ref:
        ref_counts[ref_index[v]] += 1
    for v in cur:
        cur_counts[ref_index.get(v, len(ref_cats))] += 1
    psi = psi_from_shares(ref_counts / len(ref), cur_counts / len(cur))

    # Jensen-Shannon: over the union, each unseen category its own entry (no "other" lumping).
    union = sorted(set(ref) | set(cur))
    p = np.array([ref.count(c) for c in union], dtype=np.float64)
    q = np.array([cur.count(c) for c in union], dtype=np.float64)
    js = float(jensenshannon(p, q, base=np.e))

    return {
        'name': name,
        'reference': reference,
        'current': current,
        'expected': {
            'psi': psi,
            'jensenShannon': js,
            'referenceMissingShare': (len(reference) - len(ref)) / len(reference),
            'currentMissingShare': (len(current) - len(cur)) / len(current),
            'unseenShare': float(cur_counts[-1] / len(cur)),
        },
    }


def categorical_cases():
    rng = np.random.default_rng(7)
    cats = ['red', 'green', 'blue', 'amber']
    stable_ref = list(rng.choice(cats, 1000, p=[0.4, 0.3, 0.2, 0.1]))
    stable_cur = list(rng.choice(cats, 900, p=[0.4, 0.3, 0.2, 0.1]))
    shifted_cur = list(rng.choice(cats, 900, p=[0.1, 0.2, 0.3, 0.4]))
    unseen_cur = list(rng.choice(cats + ['violet', 'cyan'], 600, p=[0.3, 0.2, 0.2, 0.1, 0.15, 0.05]))
    missing_ref = [None if rng.random() < 0.05 else str(v) for v in stable_ref[:300]]
    missing_cur = [None if rng.random() < 0.2 else str(v) for v in shifted_cur[:250]]
    return [
        categorical_case('stable', [str(v) for v in stable_ref], [str(v) for v in stable_cur]),
        categorical_case('shifted', [str(v) for v in stable_ref], [str(v) for v in shifted_cur]),
        categorical_case('unseen categories', [str(v) for v in stable_ref], [str(v) for v in unseen_cur]),
        categorical_case('missing values', missing_ref, missing_cur),
        categorical_case('reference category absent from current', ['a', 'b', 'c', 'c'], ['c', 'c', 'b']),
        categorical_case('identical', ['x', 'y', 'y', 'z'], ['y', 'z', 'x', 'y']),
        categorical_case('tiny disjoint', ['only'], ['new', 'newer']),
        categorical_case('empty string is a category', ['', 'a', 'a'], ['', '', 'a']),
    ]


def uncertainty_classification(name, proba, members):
    proba = np.asarray(proba, dtype=np.float64)
    n, c = proba.shape
    predicted = np.argmax(proba, axis=1)  # first maximum on ties
    with np.errstate(divide='ignore', invalid='ignore'):
        entropy = -np.sum(np.where(proba > 0, proba * np.log(proba), 0.0), axis=1)
    top_two = np.sort(proba, axis=1)[:, -2:]
    margin = top_two[:, 1] - top_two[:, 0]
    member_p = np.stack([np.asarray(m['proba'], dtype=np.float64)[np.arange(n), predicted] for m in members])
    member_std = np.std(member_p, axis=0)  # ddof=0
    weights = np.array([m['weight'] for m in members], dtype=np.float64)
    weights = weights / weights.sum()
    differs = np.stack([np.asarray(m['predicted']) != predicted for m in members])
    disagreement = weights @ differs
    return {
        'name': name,
        'rows': n,
        'classes': c,
        'proba': floats(proba),
        'members': [
            {
                'proba': floats(m['proba']),
                'predicted': [int(v) for v in m['predicted']],
                'weight': float(m['weight']),
            }
            for m in members
        ],
        'expected': {
            'predicted': [int(v) for v in predicted],
            'entropy': floats(entropy),
            'margin': floats(margin),
            'memberStd': floats(member_std),
            'disagreement': floats(disagreement),
            'estimatedAccuracy': float(np.mean(np.max(proba, axis=1))),
        },
    }


def dirichlet_member(rng, n, c, concentration):
    proba = rng.dirichlet(np.full(c, concentration), n)
    return proba


def uncertainty_cases():
    rng = np.random.default_rng(99)
    n, c = 200, 4
    members = []
    for weight, conc in [(1.0, 0.5), (2.0, 1.0), (0.5, 3.0)]:
        p = dirichlet_member(rng, n, c, conc)
        members.append({'proba': p, 'predicted': np.argmax(p, axis=1), 'weight': weight})
    # A member that predicts by its own threshold, so its class is not always its argmax.
    members[2]['predicted'] = np.where(rng.random(n) < 0.2, 3, members[2]['predicted'])
    w = np.array([m['weight'] for m in members]) / sum(m['weight'] for m in members)
    ensemble = sum(wi * m['proba'] for wi, m in zip(w, members))

    # Hand-made rows: exact ties (argmax takes the first), zeros (0 ln 0 = 0), a certain row.
    hand = np.array([[0.5, 0.5, 0.0], [1.0, 0.0, 0.0], [0.2, 0.3, 0.5], [1 / 3, 1 / 3, 1 / 3], [0.0, 0.4, 0.6]])
    hand_members = [
        {'proba': hand, 'predicted': [0, 0, 2, 0, 2], 'weight': 1.0},
        {'proba': np.array([[0.4, 0.6, 0], [0.9, 0.1, 0], [0.3, 0.3, 0.4], [0.5, 0.25, 0.25], [0, 0.5, 0.5]]),
         'predicted': [1, 0, 2, 0, 1], 'weight': 3.0},
    ]
    return [
        uncertainty_classification('dirichlet members', ensemble, members),
        uncertainty_classification('hand-made ties and zeros', hand, hand_members),
        uncertainty_classification(
            'binary, one member', np.array([[0.7, 0.3], [0.1, 0.9], [0.5, 0.5]]),
            [{'proba': np.array([[0.7, 0.3], [0.1, 0.9], [0.5, 0.5]]), 'predicted': [0, 0, 1], 'weight': 2.0}],
        ),
    ]


def regression_cases():
    rng = np.random.default_rng(3)
    predictions = rng.normal(100, 15, (5, 150))
    predictions[1] = np.round(predictions[1])
    small = np.array([[1.0, 2.0, -3.5], [1.0, 4.0, 1e6], [1.0, 6.0, 1e6 + 1]])
    return [
        {'name': name, 'rows': int(p.shape[1]), 'members': [floats(row) for row in p],
         'expected': {'memberStd': floats(np.std(p, axis=0))}}
        for name, p in [('five members', predictions), ('three members, spread scales', small)]
    ]


def write(name, payload):
    payload = {
        'generatedBy': 'test/corpus/monitor/make_monitor_fixtures.py',
        'versions': {'python': platform.python_version(), 'numpy': np.__version__, 'scipy': scipy.__version__},
        **payload,
    }
    with open(os.path.join(HERE, name), 'w') as f:
        json.dump(payload, f, indent=1, allow_nan=False)
        f.write('\n')


def main():
    write('numeric.json', {'cases': numeric_cases()})
    write('categorical.json', {'cases': categorical_cases()})
    write('uncertainty.json', {'classification': uncertainty_cases(), 'regression': regression_cases()})


if __name__ == '__main__':
    main()
