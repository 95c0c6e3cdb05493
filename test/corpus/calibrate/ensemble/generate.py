"""End-to-end calibration fixtures: real ONNX members, data files and scikit-learn's answer.

Run with Debian's python (numpy 1.24, scikit-learn 1.2.1, onnx 1.12):

    /usr/bin/python3 test/corpus/calibrate/ensemble/generate.py

It writes, beside itself, for a binary case (labels 0/1) and a 3-class case (string labels):
  <case>/m1.onnx, m2.onnx, m3.onnx   member models (built with onnx.helper)
  <case>.ensemble.json                the soft-voting ensemble of them (weights 1, 2, 1.5)
  <case>_holdout.csv, <case>_test.csv features and the label column
  <case>_expected.json                the members' probabilities on the test file, and
                                      CalibratedClassifierCV(<the soft-voting ensemble>, cv='prefit',
                                      method=sigmoid|isotonic) fitted on the hold-out file:
                                      predict_proba and predict on the test file.

Why the members look the way they do: the app scores members with ONNX Runtime in float32, and
isotonic calibration is compared to 1e-9, so scikit-learn must see the members' float32 outputs to
the last bit. Python has no ONNX Runtime here, so each member uses only operators whose float32
result IEEE arithmetic fixes exactly (Gather, Mul, Add, Abs, Div, Sub, Concat), evaluated in a fixed
order, and numpy repeats the same operations in float32: z = b + Σ_j w_j·x_j (one Add per feature,
in feature order), s = 1 + z/(1+|z|) (a smooth squashing into (0, 2)); binary P(1) = s·0.5,
P(0) = 1 − P(1); multiclass P_c = s_c / ((s_0 + s_1) + s_2). The features are multiples of 1/256,
exact in float32, so reading the CSV gives the same float32 inputs in both. The test checks that the
app's member probabilities equal the ones stored here exactly, so the comparison is honest.
"""
import json
import os

import numpy as np
import onnx
import sklearn
from onnx import TensorProto, helper
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV

HERE = os.path.dirname(os.path.abspath(__file__))
F32 = np.float32
WEIGHTS = [1.0, 2.0, 1.5]


def member_model(path, weights, bias, n_features):
    """weights: K_out × F (K_out = 1 for binary, 3 for multiclass); writes the ONNX model."""
    k = weights.shape[0]
    nodes, inits = [], []

    def const(name, values, dims):
        inits.append(helper.make_tensor(name, TensorProto.FLOAT, dims, np.asarray(values, F32).ravel().tolist()))
        return name

    acc = const("bias", bias, [k])
    for j in range(n_features):
        idx = f"idx{j}"
        inits.append(helper.make_tensor(idx, TensorProto.INT64, [1], [j]))
        nodes.append(helper.make_node("Gather", ["X", idx], [f"x{j}"], axis=1))
        w = const(f"w{j}", weights[:, j], [1, k])
        nodes.append(helper.make_node("Mul", [f"x{j}", w], [f"wx{j}"]))
        nodes.append(helper.make_node("Add", [acc, f"wx{j}"], [f"z{j}"]))
        acc = f"z{j}"
    one = const("one", [1.0], [])
    nodes += [
        helper.make_node("Abs", [acc], ["absz"]),
        helper.make_node("Add", [one, "absz"], ["den"]),
        helper.make_node("Div", [acc, "den"], ["q"]),
        helper.make_node("Add", [one, "q"], ["s"]),
    ]
    if k == 1:
        half = const("half", [0.5], [])
        nodes += [
            helper.make_node("Mul", ["s", half], ["p1"]),
            helper.make_node("Sub", [one, "p1"], ["p0"]),
            helper.make_node("Concat", ["p0", "p1"], ["probabilities"], axis=1),
        ]
        width = 2
    else:
        for c in range(k):
            inits.append(helper.make_tensor(f"c{c}", TensorProto.INT64, [1], [c]))
            nodes.append(helper.make_node("Gather", ["s", f"c{c}"], [f"s{c}"], axis=1))
        nodes += [
            helper.make_node("Add", ["s0", "s1"], ["s01"]),
            helper.make_node("Add", ["s01", "s2"], ["total"]),
            helper.make_node("Div", ["s", "total"], ["probabilities"]),
        ]
        width = k
    graph = helper.make_graph(
        nodes,
        os.path.basename(path),
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, ["N", n_features])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", width])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="generate.py")
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, path)


def member_probabilities(x, weights, bias):
    """The same operations as member_model, in float32, in the same order."""
    x = x.astype(F32)
    k = weights.shape[0]
    z = np.broadcast_to(np.asarray(bias, F32), (x.shape[0], k)).copy()
    for j in range(x.shape[1]):
        z = z + x[:, j : j + 1] * np.asarray(weights[:, j], F32)[None, :]
    one = F32(1)
    s = one + z / (one + np.abs(z))
    if k == 1:
        p1 = s * F32(0.5)
        return np.concatenate([one - p1, p1], axis=1)
    total = (s[:, 0:1] + s[:, 1:2]) + s[:, 2:3]
    return s / total


class SoftVote(ClassifierMixin, BaseEstimator):
    """The ensemble as the app computes soft_vote: Σ w_i P_i in member order (float64), / Σ w_i."""

    def __init__(self, members=None, classes=None):
        self.members = members
        self.classes = classes

    def fit(self, X, y):
        self.classes_ = np.asarray(self.classes)
        return self

    def predict_proba(self, X):
        acc = None
        for w, (weights, bias) in zip(WEIGHTS, self.members):
            term = w * member_probabilities(X, weights, bias).astype(np.float64)
            acc = term if acc is None else acc + term
        return acc / sum(WEIGHTS)


def grid(rng, n, f):
    """Features on a 1/256 grid (exact in float32 and in decimal)."""
    return np.round(rng.normal(0, 1, size=(n, f)) * 256) / 256


def write_csv(path, x, labels, label_name):
    with open(path, "w") as out:
        out.write(",".join([f"f{j}" for j in range(x.shape[1])] + [label_name]) + "\n")
        for row, label in zip(x, labels):
            out.write(",".join(repr(float(v)) for v in row) + f",{label}\n")


def make_case(name, classes, label_name, true_w, true_b, methods, seed):
    rng = np.random.default_rng(seed)
    case_dir = os.path.join(HERE, name)
    os.makedirs(case_dir, exist_ok=True)
    n_features = true_w.shape[1]
    k = len(classes)

    def sample(n):
        x = grid(rng, n, n_features)
        logits = x @ true_w.T + true_b
        if k == 2:
            p1 = 1 / (1 + np.exp(-logits[:, 0]))
            idx = (rng.random(n) < p1).astype(int)
        else:
            p = np.exp(logits - logits.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            idx = np.array([rng.choice(k, p=row) for row in p])
        return x, idx

    x_hold, y_hold = sample(400)
    x_test, y_test = sample(250)
    # Members: noisy, over-confident copies of the truth (what calibration is for), float32 weights
    # on a 1/64 grid so the ONNX constants and numpy use the same numbers.
    members = []
    for i in range(3):
        w = np.round((true_w * (2.5 + i) + rng.normal(0, 0.6, size=true_w.shape)) * 64) / 64
        b = np.round((true_b * (1.5 + i) + rng.normal(0, 0.3, size=true_b.shape)) * 64) / 64
        member_model(os.path.join(case_dir, f"m{i + 1}.onnx"), w, b, n_features)
        members.append((w, b))

    spec = {
        "format": "ensemble-studio/ensemble@1",
        "name": f"calibration fixture ({name})",
        "task": "classification",
        "classes": classes,
        "members": [
            {
                "name": f"m{i + 1}",
                "model": f"{name}/m{i + 1}.onnx",
                "weight": WEIGHTS[i],
                "inputs": {"X": [f"f{j}" for j in range(n_features)]},
                "output": "probabilities",
                "outputKind": "probabilities",
                "classes": classes,
            }
            for i in range(3)
        ],
        "combiner": {"method": "soft_vote"},
    }
    with open(os.path.join(HERE, f"{name}.ensemble.json"), "w") as out:
        json.dump(spec, out, indent=2)
        out.write("\n")
    labels = np.asarray(classes, dtype=object)
    write_csv(os.path.join(HERE, f"{name}_holdout.csv"), x_hold, labels[y_hold], label_name)
    write_csv(os.path.join(HERE, f"{name}_test.csv"), x_test, labels[y_test], label_name)

    ensemble = SoftVote(members, classes).fit(x_hold, None)
    expected = {
        "versions": {"numpy": np.__version__, "sklearn": sklearn.__version__, "onnx": onnx.__version__},
        "classes": classes,
        "members": {f"m{i + 1}": member_probabilities(x_test, *m).astype(np.float64).ravel().tolist() for i, m in enumerate(members)},
        "uncalibrated": ensemble.predict_proba(x_test).ravel().tolist(),
    }
    for method in methods:
        cal = CalibratedClassifierCV(ensemble, method=method, cv="prefit").fit(x_hold, labels[y_hold])
        expected[method] = {
            "proba": cal.predict_proba(x_test).ravel().tolist(),
            "prediction": [str(c) for c in cal.predict(x_test)],
        }
    with open(os.path.join(HERE, f"{name}_expected.json"), "w") as out:
        json.dump(expected, out)
        out.write("\n")


def main():
    make_case(
        "binary",
        ["0", "1"],
        "y",
        np.array([[1.2, -0.8, 0.5, 0.0, 0.9]]),
        np.array([0.3]),
        ["sigmoid", "isotonic"],
        seed=12,
    )
    make_case(
        "multiclass",
        ["ant", "bee", "cat"],
        "species",
        np.array([[1.0, -0.5, 0.2, 0.0], [-0.6, 0.9, 0.0, 0.4], [0.0, -0.3, -0.8, 0.7]]),
        np.array([0.2, 0.0, -0.1]),
        ["isotonic", "sigmoid"],
        seed=34,
    )


if __name__ == "__main__":
    main()
