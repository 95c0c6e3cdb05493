"""Reference fixtures for the evaluate/optimize tests, computed with scikit-learn.

Run with Debian's python (numpy 1.24, scipy 1.10, scikit-learn 1.2.1):

    /usr/bin/python3 test/corpus/metrics/make_fixtures.py

It writes the *.json files beside it. The TypeScript tests read those files only; they never need
Python. Member scores are synthetic but deliberately awkward: rounded to two decimals (ties in
scores), values on calibration bin edges (0.1, 0.3, ...), and one member with perfect 0/1
predictions (exercises log-loss clipping and a degenerate ROC curve).
"""
import json
import os
import platform

import numpy as np
import scipy
import sklearn
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import calibration_curve
from sklearn.ensemble import StackingClassifier
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    brier_score_loss,
    confusion_matrix,
    f1_score,
    log_loss,
    mean_absolute_error,
    mean_squared_error,
    r2_score,
    roc_auc_score,
    roc_curve,
)

HERE = os.path.dirname(os.path.abspath(__file__))
EPS = 1e-15  # the definition: clip to [1e-15, 1 - 1e-15]


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


def noisy_probs(rng, y, k, strength, decimals=None):
    """Probabilities that lean towards the true class, optionally rounded (to create ties)."""
    n = len(y)
    logits = rng.normal(size=(n, k))
    logits[np.arange(n), y] += strength
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    if decimals is not None:
        p = np.round(p, decimals)
        # keep rows summing to one exactly enough: put the rounding residue on the last column
        p[:, -1] = np.clip(1.0 - p[:, :-1].sum(axis=1), 0.0, 1.0)
    return p


def perfect_probs(y, k):
    p = np.zeros((len(y), k))
    p[np.arange(len(y)), y] = 1.0
    return p


def edge_probs(rng, y):
    """Binary: P(positive) drawn from bin edges and 0.5, so calibration binning ties are tested."""
    grid = np.array([0.0, 0.1, 0.2, 0.3, 0.5, 0.6, 0.7, 0.9, 1.0])
    idx = np.clip(rng.integers(0, len(grid), size=len(y)) + 2 * y - 1, 0, len(grid) - 1)
    p1 = grid[idx]
    return np.column_stack([1 - p1, p1])


def classification_metrics(y_idx, p, classes):
    """Every metric as scikit-learn computes it, with labels in their original form."""
    k = len(classes)
    cls = np.array(classes, dtype=object) if isinstance(classes[0], str) else np.array(classes)
    y_lab = cls[y_idx]
    pred = cls[np.argmax(p, axis=1)]
    out = {
        "accuracy": accuracy_score(y_lab, pred),
        "balanced_accuracy": balanced_accuracy_score(y_lab, pred),
        "log_loss": log_loss(y_lab, p, eps=EPS, labels=list(cls)),
        "log_loss_auto_eps": log_loss(y_lab, p, labels=list(cls)),
        "f1_macro": f1_score(y_lab, pred, average="macro"),
        "confusion": confusion_matrix(y_lab, pred, labels=list(cls)).tolist(),
    }
    if k == 2:
        out["roc_auc"] = roc_auc_score(y_idx == 1, p[:, 1])
        out["brier"] = brier_score_loss(y_lab, p[:, 1], pos_label=cls[1])
    else:
        out["roc_auc"] = roc_auc_score(y_lab, p, multi_class="ovr", labels=list(cls))
    positives = [1] if k == 2 else list(range(k))
    out["roc"] = []
    out["calibration"] = []
    for c in positives:
        fpr, tpr, thr = roc_curve(y_idx == c, p[:, c])
        out["roc"].append({"classIndex": c, "fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": thr.tolist()})
        yt = (y_idx == c).astype(int)
        prob_true, prob_pred = calibration_curve(yt, p[:, c], n_bins=10, strategy="uniform")
        # calibration_curve does not return counts; recompute them the way it bins.
        bins = np.linspace(0.0, 1.0, 11)
        binids = np.searchsorted(bins[1:-1], p[:, c])
        total = np.bincount(binids, minlength=len(bins))
        out["calibration"].append(
            {
                "classIndex": c,
                "prob_true": prob_true.tolist(),
                "prob_pred": prob_pred.tolist(),
                "counts": total[total != 0].tolist(),
                "bins": np.nonzero(total)[0].tolist(),
            }
        )
    return out


def diversity(scores, preds):
    m = len(scores)
    corr = np.corrcoef(np.array([s.ravel() for s in scores]))
    dis = np.zeros((m, m))
    if preds is not None:
        for i in range(m):
            for j in range(m):
                dis[i, j] = np.mean(preds[i] != preds[j])
    return {"correlation": corr.tolist(), "disagreement": dis.tolist() if preds is not None else None}


def classification_case(name, rng, n, classes, members_spec):
    k = len(classes)
    y = rng.integers(0, k, size=n)
    members = {}
    for mname, kind, arg in members_spec:
        if kind == "noisy":
            members[mname] = noisy_probs(rng, y, k, arg[0], arg[1])
        elif kind == "perfect":
            members[mname] = perfect_probs(y, k)
        elif kind == "edges":
            members[mname] = edge_probs(rng, y)
        elif kind == "constant":  # always predicts one class: F1 zero_division, one-threshold ROC
            members[mname] = np.tile(np.array(arg, dtype=float), (n, 1))
    names = list(members)
    ensemble = np.mean(np.array([members[m] for m in names]), axis=0)
    models = dict(members)
    models["ensemble"] = ensemble
    cls_list = list(classes)
    labels_out = [cls_list[i] for i in y]
    scores = [members[m][:, 1] if k == 2 else members[m] for m in names]
    preds = [np.argmax(members[m], axis=1) for m in names]
    return {
        "name": name,
        "versions": versions(),
        "task": "classification",
        "classes": [str(c) for c in cls_list],
        "labels": labels_out,
        "probabilities": {m: p.ravel().tolist() for m, p in models.items()},
        "memberNames": names,
        "expected": {m: classification_metrics(y, p, cls_list) for m, p in models.items()},
        "diversity": diversity(scores, preds),
    }


def regression_case(rng, n):
    x = rng.normal(size=n)
    y = 3 * x + rng.normal(scale=0.5, size=n)
    members = {
        "linear": np.round(3 * x + rng.normal(scale=0.8, size=n), 2),
        "tree": np.round(2.5 * x + rng.normal(scale=1.2, size=n), 1),
        "perfect": y.copy(),
    }
    names = list(members)
    models = dict(members)
    models["ensemble"] = np.mean(np.array([members[m] for m in names]), axis=0)
    expected = {}
    for m, p in models.items():
        expected[m] = {
            "rmse": mean_squared_error(y, p, squared=False),
            "mae": mean_absolute_error(y, p),
            "r2": r2_score(y, p),
            "residual_quantiles": np.percentile(y - p, [5, 25, 50, 75, 95]).tolist(),
        }
    return {
        "name": "regression",
        "versions": versions(),
        "task": "regression",
        "labels": y.tolist(),
        "predictions": {m: p.tolist() for m, p in models.items()},
        "memberNames": names,
        "expected": expected,
        "diversity": diversity([members[m] for m in names], None),
    }


# --- Greedy ensemble selection: auto-sklearn's EnsembleSelection._slow, transcribed -----------------


def auto_sklearn_slow(predictions, loss, ensemble_size):
    """auto-sklearn 0.15 EnsembleSelection._slow + _calculate_weights (ties: np.nanargmin, lowest index)."""
    ensemble, trajectory, order = [], [], []
    for _ in range(ensemble_size):
        scores = np.zeros(len(predictions), dtype=np.float64)
        for j, pred in enumerate(predictions):
            ensemble.append(pred)
            ensemble_prediction = np.mean(np.array(ensemble), axis=0)
            scores[j] = loss(ensemble_prediction)
            ensemble.pop()
        best = np.nanargmin(scores)
        ensemble.append(predictions[best])
        trajectory.append(scores[best])
        order.append(int(best))
        if len(predictions) == 1:
            break
    weights = np.zeros(len(predictions), dtype=np.float64)
    counts = {}
    for i in order:
        counts[i] = counts.get(i, 0) + 1
    for i, c in counts.items():
        weights[i] = float(c) / ensemble_size
    if np.sum(weights) < 1:
        weights = weights / np.sum(weights)
    return {"weights": weights.tolist(), "order": order, "trajectory": [float(t) for t in trajectory]}


def greedy_cases(rng):
    cases = []
    # binary, log loss
    n, k = 400, 2
    y = rng.integers(0, k, size=n)
    preds = [noisy_probs(rng, y, k, s, d) for s, d in [(1.0, None), (1.4, 2), (0.6, None), (1.2, 1), (0.2, None)]]
    preds.append(preds[1].copy())  # an exact duplicate: ties must go to the lower index
    loss = lambda p: log_loss(y, p, eps=EPS, labels=list(range(k)))
    for size in (50, 7):
        cases.append({"name": f"binary-size{size}", "task": "classification", "classes": k, "size": size,
                      "labels": y.tolist(), "members": [p.ravel().tolist() for p in preds],
                      **auto_sklearn_slow(preds, loss, size)})
    # multiclass, log loss
    n, k = 300, 4
    y = rng.integers(0, k, size=n)
    preds = [noisy_probs(rng, y, k, s, d) for s, d in [(1.5, None), (1.0, 2), (2.0, None), (0.5, None)]]
    loss = lambda p: log_loss(y, p, eps=EPS, labels=list(range(k)))
    cases.append({"name": "multiclass-size50", "task": "classification", "classes": k, "size": 50,
                  "labels": y.tolist(), "members": [p.ravel().tolist() for p in preds],
                  **auto_sklearn_slow(preds, loss, 50)})
    # a single member
    cases.append({"name": "single-member", "task": "classification", "classes": k, "size": 10,
                  "labels": y.tolist(), "members": [preds[0].ravel().tolist()],
                  **auto_sklearn_slow(preds[:1], loss, 10)})
    # regression, RMSE
    n = 250
    x = rng.normal(size=n)
    yr = 2 * x + rng.normal(scale=0.3, size=n)
    preds = [2 * x + rng.normal(scale=s, size=n) + b for s, b in [(0.5, 0.2), (0.7, -0.3), (0.4, 0.0), (1.0, 0.5)]]
    loss = lambda p: mean_squared_error(yr, p, squared=False)
    cases.append({"name": "regression-size50", "task": "regression", "size": 50,
                  "labels": yr.tolist(), "members": [p.tolist() for p in preds],
                  **auto_sklearn_slow(preds, loss, 50)})
    return cases


# --- Stacking: StackingClassifier(cv='prefit') over fixed member probabilities ----------------------


class FixedProba(ClassifierMixin, BaseEstimator):
    """A 'prefit' member whose predict_proba returns stored probabilities for row ids in X[:, 0]."""

    def __init__(self, proba=None, classes=None):
        self.proba = proba
        self.classes = classes

    def fit(self, X, y):  # never called with cv='prefit'
        raise RuntimeError("prefit")

    def __sklearn_is_fitted__(self):
        return True

    @property
    def classes_(self):
        return np.asarray(self.classes)

    def predict_proba(self, X):
        return self.proba[X[:, 0].astype(int)]

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def stacking_case(name, rng, n, classes, strengths):
    k = len(classes)
    y = rng.integers(0, k, size=n)
    # strength None: a perfect member (separable data; only the L2 penalty keeps coef finite)
    members = [perfect_probs(y, k) if s is None else noisy_probs(rng, y, k, s, d) for s, d in strengths]
    cls = np.array(classes, dtype=object)
    y_lab = cls[y]
    X = np.arange(n)[:, None]
    ests = [(f"m{i}", FixedProba(p, cls)) for i, p in enumerate(members)]
    tight = StackingClassifier(ests, final_estimator=LogisticRegression(tol=1e-10, max_iter=10000), cv="prefit")
    tight.fit(X, y_lab)
    default = StackingClassifier(ests, final_estimator=LogisticRegression(), cv="prefit")
    default.fit(X, y_lab)
    # L-BFGS-B also stops on a relative objective decrease below ftol=2.2e-9, whatever `tol` says,
    # so "tight" lbfgs is not at the optimum to 1e-6; newton-cg with a tiny tol is.
    exact = StackingClassifier(
        ests, final_estimator=LogisticRegression(solver="newton-cg", tol=1e-12, max_iter=10000), cv="prefit"
    )
    exact.fit(X, y_lab)
    fe = tight.final_estimator_
    return {
        "name": name,
        "versions": versions(),
        "classes": list(classes),
        "labels": list(y_lab),
        "members": {f"m{i}": p.ravel().tolist() for i, p in enumerate(members)},
        "coef": fe.coef_.tolist(),
        "intercept": fe.intercept_.tolist(),
        "proba_tight": tight.predict_proba(X).ravel().tolist(),
        "proba_default": default.predict_proba(X).ravel().tolist(),
        "proba_exact": exact.predict_proba(X).ravel().tolist(),
        "coef_exact": exact.final_estimator_.coef_.tolist(),
        "intercept_exact": exact.final_estimator_.intercept_.tolist(),
    }


def ridge_case(rng, n):
    x = rng.normal(size=n)
    y = 1.5 * x + 0.3 + rng.normal(scale=0.4, size=n)
    members = {f"m{i}": 1.5 * x + rng.normal(scale=s, size=n) + b for i, (s, b) in enumerate([(0.5, 0.1), (0.3, 0.4), (0.9, -0.2)])}
    X = np.column_stack(list(members.values()))
    model = Ridge(alpha=1.0).fit(X, y)
    return {
        "name": "ridge",
        "labels": y.tolist(),
        "members": {m: v.tolist() for m, v in members.items()},
        "coef": model.coef_.tolist(),
        "intercept": float(model.intercept_),
        "predictions": model.predict(X).tolist(),
    }


def main():
    rng = np.random.default_rng(20261123)
    write(
        "binary.json",
        classification_case(
            "binary", rng, 300, [0, 1],
            [("logreg", "noisy", (1.2, None)), ("forest", "noisy", (1.5, 2)), ("edges", "edges", None),
             ("oracle", "perfect", None)],
        ),
    )
    write(
        "multiclass.json",
        classification_case(
            "multiclass", rng, 250, ["bird", "cat", "dog"],
            [("mlp", "noisy", (1.3, None)), ("knn", "noisy", (1.0, 1)), ("oracle", "perfect", None),
             ("lazy", "constant", (0.2, 0.5, 0.3))],
        ),
    )
    write("regression.json", regression_case(rng, 200))
    write("greedy.json", {"versions": versions(), "cases": greedy_cases(rng)})
    write(
        "stacking.json",
        {
            "versions": versions(),
            "cases": [
                stacking_case("binary", rng, 200, ["no", "yes"], [(1.0, None), (1.5, 2), (0.5, None)]),
                stacking_case("multiclass", rng, 300, ["a", "b", "c"], [(1.2, None), (0.8, 2), (1.6, None)]),
                stacking_case("multiclass-strong", rng, 150, ["w", "x", "y", "z"], [(4.0, None), (3.0, None)]),
                stacking_case("binary-perfect-member", rng, 120, ["0", "1"], [(1.0, None), (None, None)]),
                stacking_case("multiclass-perfect-member", rng, 90, ["a", "b", "c"], [(None, None), (0.7, 2)]),
            ],
            "ridge": ridge_case(rng, 120),
        },
    )


if __name__ == "__main__":
    main()
