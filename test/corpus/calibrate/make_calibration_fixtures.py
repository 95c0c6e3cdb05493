"""Reference fixtures for the calibration maps, computed with scikit-learn.

Run with Debian's python (numpy 1.24, scipy 1.10, scikit-learn 1.2.1):

    /usr/bin/python3 test/corpus/calibrate/make_calibration_fixtures.py

It writes maps.json, binary.json and multiclass.json beside it; the TypeScript tests read those
only. Scores are deliberately awkward: rounded (ties), exact 0 and 1, values a rounding step apart
(scikit-learn merges x values closer than 1e-15 before pooling), and test scores outside the
hold-out's range (clipped by isotonic). `optimum` is Platt's problem solved far tighter than
scikit-learn's BFGS (gtol 1e-5), so the tests can check both the exact minimiser and sklearn.
"""
import json
import os
import platform

import numpy as np
import scipy
import sklearn
from scipy.optimize import minimize
from scipy.special import expit, xlogy
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV, _SigmoidCalibration
from sklearn.isotonic import IsotonicRegression

HERE = os.path.dirname(os.path.abspath(__file__))


def versions():
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "sklearn": sklearn.__version__,
    }


def write(name, obj):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(obj, f, indent=None, separators=(",", ":"), allow_nan=False)
        f.write("\n")


class FixedProbabilities(ClassifierMixin, BaseEstimator):
    """A 'fitted' classifier whose predict_proba returns given rows: X holds row numbers."""

    def __init__(self, probabilities=None, classes=None):
        self.probabilities = probabilities
        self.classes = classes

    def fit(self, X, y):
        return self

    def predict_proba(self, X):
        return self.probabilities[np.asarray(X)[:, 0].astype(int)]


def fitted(probabilities, classes):
    est = FixedProbabilities(probabilities, classes)
    est.classes_ = np.array(classes, dtype=object)
    return est


def platt_optimum(f, y):
    """Platt's smoothed-target log loss, minimised to a gradient norm far below sklearn's."""
    n1 = float(np.sum(y > 0))
    n0 = len(y) - n1
    t = np.where(y > 0, (n1 + 1) / (n1 + 2), 1 / (n0 + 2))

    def loss(ab):
        p = expit(-(ab[0] * f + ab[1]))
        return -(xlogy(t, p) + xlogy(1 - t, 1 - p)).sum()

    def grad(ab):
        r = t - expit(-(ab[0] * f + ab[1]))
        return np.array([r @ f, r.sum()])

    def hess(ab):
        p = expit(-(ab[0] * f + ab[1]))
        w = p * (1 - p)
        return np.array([[w @ (f * f), w @ f], [w @ f, w.sum()]])

    x0 = np.array([0.0, np.log((n0 + 1) / (n1 + 1))])
    ab = minimize(loss, x0, jac=grad, hess=hess, method="trust-exact", options={"gtol": 1e-11}).x
    # trust-exact stops once the loss change is below rounding; plain Newton steps finish the job.
    for _ in range(5):
        ab = ab - np.linalg.solve(hess(ab), grad(ab))
    assert np.linalg.norm(grad(ab)) < 1e-10, (ab, grad(ab))
    return ab


def map_case(name, f, y, test):
    iso = IsotonicRegression(out_of_bounds="clip").fit(f, y)
    sig = _SigmoidCalibration().fit(f, y)
    a, b = platt_optimum(f, y)
    exact = expit(-(a * test + b))
    assert np.max(np.abs(exact - sig.predict(test))) < 1e-5, name
    return {
        "name": name,
        "f": f.tolist(),
        "y": y.astype(int).tolist(),
        "test": test.tolist(),
        "isotonic": {
            "x_thresholds": iso.X_thresholds_.tolist(),
            "y_thresholds": iso.y_thresholds_.tolist(),
            "predict": iso.predict(test).tolist(),
        },
        "sigmoid": {
            "sklearn": {"a": float(sig.a_), "b": float(sig.b_)},
            "optimum": {"a": float(a), "b": float(b)},
            "predict": sig.predict(test).tolist(),
        },
    }


def map_cases():
    cases = []
    for seed in (0, 1, 2):
        rng = np.random.default_rng(seed)
        n = 300
        y = rng.integers(0, 2, n)
        f = expit(rng.normal(size=n) + 1.5 * (2 * y - 1))
        if seed == 1:
            f = np.round(f, 2)  # many ties
        test = np.concatenate([rng.uniform(0, 1, 100), [0.0, 1.0, f.min(), f.max()], f[:20]])
        cases.append(map_case(f"seed{seed}", f, y, test))
    # Exact 0 and 1, tiny values, and x values a rounding step apart (merged by sklearn).
    rng = np.random.default_rng(3)
    base = np.array([0.0, 1.0, 1e-300, 1e-17, 2e-17, 0.5, 0.5 + 5e-16, 0.5 + 1.2e-15, 1 - 2**-53, 0.25, 0.75])
    f = np.concatenate([base, np.round(rng.uniform(0, 1, 80), 1)])
    y = (rng.uniform(size=len(f)) < f).astype(int)
    y[:4] = [0, 1, 1, 0]
    test = np.concatenate([base, [-0.5, 1.5, 0.05, 0.95], rng.uniform(0, 1, 40)])
    cases.append(map_case("extremes", f, y, test))
    # Perfectly separated scores: isotonic is a step, Platt's smoothing keeps A and B finite.
    f = np.array([0.1, 0.2, 0.3, 0.35, 0.6, 0.7, 0.8, 0.9])
    y = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    cases.append(map_case("separated", f, y, np.linspace(0, 1, 21)))
    # One class only in the hold-out: the maps are constant.
    f = np.array([0.2, 0.4, 0.4, 0.9])
    cases.append(map_case("one-class", f, np.zeros(4, dtype=int), np.linspace(0, 1, 11)))
    return cases


def noisy(rng, y, k, strength, decimals=None):
    logits = rng.normal(size=(len(y), k))
    logits[np.arange(len(y)), y] += strength
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    if decimals is not None:
        p = np.round(p, decimals)
        p[:, -1] = np.clip(1.0 - p[:, :-1].sum(axis=1), 0.0, 1.0)
    return p


def ensemble_case(name, classes, holdout, y_idx, test):
    """CalibratedClassifierCV(prefit) on a fixed-probability 'ensemble', both methods."""
    k = len(classes)
    cls = np.array(classes, dtype=object)
    y = cls[y_idx]
    allp = np.vstack([holdout, test])
    rows_fit = np.arange(len(holdout))[:, None]
    rows_test = (len(holdout) + np.arange(len(test)))[:, None]
    out = {
        "name": name,
        "classes": classes,
        "holdout": {"probabilities": holdout.ravel().tolist(), "labels": y.tolist()},
        "test": {"probabilities": test.ravel().tolist()},
    }
    for method in ("isotonic", "sigmoid"):
        cal = CalibratedClassifierCV(fitted(allp, classes), method=method, cv="prefit")
        cal.fit(rows_fit, y)
        calibrators = cal.calibrated_classifiers_[0].calibrators
        assert len(calibrators) == (1 if k == 2 else k)
        if method == "isotonic":
            maps = [{"x": c.X_thresholds_.tolist(), "y": c.y_thresholds_.tolist()} for c in calibrators]
        else:
            maps = [{"a": float(c.a_), "b": float(c.b_)} for c in calibrators]
        proba = cal.predict_proba(rows_test)
        out[method] = {
            "maps": maps,
            "predict_proba": proba.ravel().tolist(),
            "predict": [classes.index(c) for c in cal.predict(rows_test)],
        }
    return out


def binary_cases():
    cases = []
    for seed, decimals in ((10, None), (11, 2), (12, 1)):
        rng = np.random.default_rng(seed)
        y = rng.integers(0, 2, 400)
        # a soft-voting ensemble's output: the mean of three members
        p = np.mean([noisy(rng, y, 2, 1.2, decimals) for _ in range(3)], axis=0)
        yt = rng.integers(0, 2, 150)
        t = np.mean([noisy(rng, yt, 2, 1.2, decimals) for _ in range(3)], axis=0)
        t = np.vstack([t, [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]])
        classes = ["no", "yes"] if seed != 10 else ["0", "1"]
        cases.append(ensemble_case(f"binary-seed{seed}", classes, p, y, t))
    return cases


def multiclass_cases():
    classes = ["bird", "cat", "dog"]
    cases = []
    for seed, decimals in ((20, None), (21, 2)):
        rng = np.random.default_rng(seed)
        y = rng.integers(0, 3, 450)
        p = np.mean([noisy(rng, y, 3, 1.0, decimals) for _ in range(3)], axis=0)
        yt = rng.integers(0, 3, 150)
        t = np.mean([noisy(rng, yt, 3, 1.0, decimals) for _ in range(3)], axis=0)
        t = np.vstack([t, np.eye(3), [[1 / 3, 1 / 3, 1 / 3]]])
        cases.append(ensemble_case(f"multiclass-seed{seed}", classes, p, y, t))
    # Separated hold-out: every class's negatives reach 0.4 and its positives start at 0.6, so a
    # test row near (1/3, 1/3, 1/3) calibrates to zero in every class and falls back to uniform.
    rng = np.random.default_rng(22)
    y = np.tile(np.arange(3), 40)
    top = rng.uniform(0.6, 0.9, len(y))
    share = rng.uniform(0.0, 1.0, len(y))
    p = np.zeros((len(y), 3))
    for r, c in enumerate(y):
        rest = 1 - top[r]
        p[r, c] = top[r]
        p[r, (c + 1) % 3] = rest * share[r]
        p[r, (c + 2) % 3] = rest * (1 - share[r])
    p[:3] = [[0.6, 0.4, 0.0], [0.0, 0.6, 0.4], [0.4, 0.0, 0.6]]
    t = np.vstack([[[0.34, 0.33, 0.33], [0.2, 0.4, 0.4]], p[:30] * 0.9 + 0.1 / 3])
    case = ensemble_case("multiclass-separated", classes, p, y, t)
    first = case["isotonic"]["predict_proba"][:3]
    assert np.allclose(first, 1 / 3), first  # the uniform fallback is exercised
    cases.append(case)
    return cases


if __name__ == "__main__":
    v = versions()
    write("maps.json", {"versions": v, "cases": map_cases()})
    write("binary.json", {"versions": v, "cases": binary_cases()})
    write("multiclass.json", {"versions": v, "cases": multiclass_cases()})
