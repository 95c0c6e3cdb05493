#!/usr/bin/python3
"""Generate the small ONNX fixtures in this folder and expected.json (reference outputs).

Run with Debian's python (sklearn, onnx, torch): /usr/bin/python3 test/corpus/model/generate.py
The outputs are committed; no test runs Python.

skl2onnx is not installed here, so the scikit-learn models are converted by hand into graphs of
the same shape the converter emits (Scaler -> LinearClassifier -> Normalizer -> ZipMap,
TreeEnsembleClassifier -> ZipMap, TreeEnsembleRegressor). The PyTorch models go through the real
torch.onnx.export. expected.json holds, for a handful of rows, what scikit-learn / PyTorch
themselves compute (predict_proba, decision_function, predict, forward), so the tests compare
ONNX Runtime against an independent reference.
"""

import json
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris, load_wine
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
ML = "ai.onnx.ml"
PRODUCER = "ensemble-studio-fixtures"
expected = {}


def save(model, name):
    onnx.checker.check_model(model)
    path = os.path.join(HERE, name + ".onnx")
    onnx.save(model, path)
    print(f"{name}.onnx  {os.path.getsize(path)} bytes")


def sample_rows(x, idx):
    return x[idx].astype(np.float32)


def zipmap_type(key_type):
    """seq(map(key_type, tensor(float))): what skl2onnx declares for output_probability."""
    t = onnx.TypeProto()
    m = t.sequence_type.elem_type.map_type
    m.key_type = key_type
    m.value_type.tensor_type.elem_type = TensorProto.FLOAT
    return helper.make_value_info("output_probability", t)


def model_of(graph, ml_version=1, opset=13, doc=""):
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", opset), helper.make_opsetid(ML, ml_version)],
        producer_name=PRODUCER,
        producer_version="1",
        doc_string=doc,
    )
    model.ir_version = 8
    return model


def classifier_outputs(labels, zipmap, n_classes, batch):
    """The converter's two outputs: output_label [N] and output_probability (ZipMap or tensor)."""
    is_str = isinstance(labels[0], str)
    label_type = TensorProto.STRING if is_str else TensorProto.INT64
    label_vi = helper.make_tensor_value_info("output_label", label_type, [batch])
    if zipmap:
        prob_vi = zipmap_type(label_type)
    else:
        prob_vi = helper.make_tensor_value_info("output_probability", TensorProto.FLOAT, [batch, n_classes])
    return label_vi, prob_vi


def label_attrs(labels):
    if isinstance(labels[0], str):
        return {"classlabels_strings": list(labels)}
    return {"classlabels_ints": [int(v) for v in labels]}


def zipmap_attrs(labels):
    if isinstance(labels[0], str):
        return {"classlabels_strings": list(labels)}
    return {"classlabels_int64s": [int(v) for v in labels]}


# --- Scaler + LogisticRegression, converter-shaped, ending in ZipMap ------------------------------


def linear_pipeline(name, x, y, labels, batch, post_transform, rows, zipmap=True, normalizer=True):
    scaler = StandardScaler().fit(x)
    clf = LogisticRegression(max_iter=2000).fit(scaler.transform(x), y)
    coef = clf.coef_.astype(np.float64)
    intercept = clf.intercept_.astype(np.float64)
    if len(labels) == 2:
        # skl2onnx's binary trick: two rows (-w, w) so LOGISTIC + L1 gives [1-p, p].
        coef = np.vstack([-coef, coef])
        intercept = np.concatenate([-intercept, intercept])
    n_features = x.shape[1]
    nodes = [
        helper.make_node(
            "Scaler",
            ["float_input"],
            ["variable"],
            domain=ML,
            name="Scaler",
            offset=scaler.mean_.astype(np.float32).tolist(),
            scale=(1.0 / scaler.scale_).astype(np.float32).tolist(),
        ),
        helper.make_node(
            "LinearClassifier",
            ["variable"],
            ["label", "probability_tensor"],
            domain=ML,
            name="LinearClassifier",
            coefficients=coef.astype(np.float32).ravel().tolist(),
            intercepts=intercept.astype(np.float32).tolist(),
            multi_class=0,
            post_transform=post_transform,
            **label_attrs(labels),
        ),
    ]
    scores = "probability_tensor"
    if normalizer:
        nodes.append(
            helper.make_node("Normalizer", [scores], ["probabilities"], domain=ML, name="Normalizer", norm="L1")
        )
        scores = "probabilities"
    label_is_str = isinstance(labels[0], str)
    nodes.append(
        helper.make_node(
            "Identity" if label_is_str else "Cast",
            ["label"],
            ["output_label"],
            name="Cast",
            **({} if label_is_str else {"to": TensorProto.INT64}),
        )
    )
    if zipmap:
        nodes.append(
            helper.make_node("ZipMap", [scores], ["output_probability"], domain=ML, name="ZipMap", **zipmap_attrs(labels))
        )
    else:
        nodes.append(helper.make_node("Identity", [scores], ["output_probability"], name="Identity"))
    label_vi, prob_vi = classifier_outputs(labels, zipmap, len(labels), batch)
    graph = helper.make_graph(
        nodes,
        name.replace("_", " "),
        [helper.make_tensor_value_info("float_input", TensorProto.FLOAT, [batch, n_features])],
        [label_vi, prob_vi],
    )
    model = model_of(graph, doc="Hand-built in the shape skl2onnx gives Pipeline(StandardScaler, LogisticRegression).")
    helper.set_model_props(model, {"source": "sklearn LogisticRegression", "dataset": name.split("_")[1]})
    save(model, name)
    xs = sample_rows(x, rows)
    # Score the float32 rows the model will see, so the reference matches what it is fed.
    xd = xs.astype(np.float64)
    expected[name] = {
        "input": "float_input",
        "rows": xs.tolist(),
        "classes": [str(v) for v in labels],
        "label": [str(v) for v in clf.predict(scaler.transform(xd))],
        "probabilities": clf.predict_proba(scaler.transform(xd)).tolist(),
        "decision_function": np.atleast_2d(clf.decision_function(scaler.transform(xd))).tolist(),
    }
    return clf, scaler


# --- Trees ---------------------------------------------------------------------------------------


def float32_floor(threshold):
    """The largest float32 <= threshold: then x32 <= t32 exactly when x32 <= t64, as sklearn decides.

    Rounding to nearest (what a plain cast does) can flip a split for inputs that fall between.
    """
    t32 = np.float32(threshold)
    if float(t32) > threshold:
        t32 = np.nextafter(t32, np.float32(-np.inf))
    return float(t32)


def tree_attrs(forest, classifier, n_classes=0):
    """Flatten sklearn trees into TreeEnsemble* attribute lists, as skl2onnx does."""
    a = {k: [] for k in ["treeids", "nodeids", "featureids", "values", "modes", "truenodeids", "falsenodeids"]}
    leaf_tree, leaf_node, leaf_id, leaf_weight = [], [], [], []
    n_trees = len(forest.estimators_)
    for t, est in enumerate(forest.estimators_):
        tree = est.tree_
        for i in range(tree.node_count):
            is_leaf = tree.children_left[i] == -1
            a["treeids"].append(t)
            a["nodeids"].append(i)
            a["featureids"].append(0 if is_leaf else int(tree.feature[i]))
            a["values"].append(0.0 if is_leaf else float32_floor(tree.threshold[i]))
            a["modes"].append("LEAF" if is_leaf else "BRANCH_LEQ")
            a["truenodeids"].append(0 if is_leaf else int(tree.children_left[i]))
            a["falsenodeids"].append(0 if is_leaf else int(tree.children_right[i]))
            if not is_leaf:
                continue
            value = tree.value[i][0]
            if classifier:
                proba = value / value.sum()
                for c in range(n_classes):
                    leaf_tree.append(t)
                    leaf_node.append(i)
                    leaf_id.append(c)
                    leaf_weight.append(float(proba[c]) / n_trees)
            else:
                leaf_tree.append(t)
                leaf_node.append(i)
                leaf_id.append(0)
                leaf_weight.append(float(value[0]) / n_trees)
    attrs = {"nodes_" + k: v for k, v in a.items()}
    prefix = "class" if classifier else "target"
    attrs.update(
        {
            prefix + "_treeids": leaf_tree,
            prefix + "_nodeids": leaf_node,
            prefix + "_ids": leaf_id,
            prefix + "_weights": leaf_weight,
        }
    )
    return attrs


def forest_classifier(name, zipmap, rows):
    data = load_wine()
    x, y = data.data.astype(np.float32), data.target
    forest = RandomForestClassifier(n_estimators=8, max_depth=4, random_state=0).fit(x, y)
    labels = [int(v) for v in forest.classes_]
    nodes = [
        helper.make_node(
            "TreeEnsembleClassifier",
            ["input"],
            ["label", "probabilities"],
            domain=ML,
            name="TreeEnsembleClassifier",
            post_transform="NONE",
            classlabels_int64s=labels,
            **tree_attrs(forest, True, len(labels)),
        ),
        helper.make_node("Cast", ["label"], ["output_label"], name="Cast", to=TensorProto.INT64),
    ]
    if zipmap:
        nodes.append(
            helper.make_node("ZipMap", ["probabilities"], ["output_probability"], domain=ML, name="ZipMap", classlabels_int64s=labels)
        )
    else:
        nodes.append(helper.make_node("Identity", ["probabilities"], ["output_probability"], name="Identity"))
    label_vi, prob_vi = classifier_outputs(labels, zipmap, len(labels), None)
    graph = helper.make_graph(
        nodes, "random forest wine", [helper.make_tensor_value_info("input", TensorProto.FLOAT, [None, x.shape[1]])], [label_vi, prob_vi]
    )
    save(model_of(graph, doc="Hand-built in the shape skl2onnx gives RandomForestClassifier."), name)
    xs = sample_rows(x, rows)
    expected[name] = {
        "input": "input",
        "rows": xs.tolist(),
        "classes": [str(v) for v in labels],
        "label": [str(v) for v in forest.predict(xs)],
        "probabilities": forest.predict_proba(xs).tolist(),
    }


def forest_regressor(name, rows):
    data = load_diabetes()
    x, y = data.data.astype(np.float32), data.target
    forest = RandomForestRegressor(n_estimators=6, max_depth=4, random_state=0).fit(x, y)
    node = helper.make_node(
        "TreeEnsembleRegressor",
        ["input"],
        ["variable"],
        domain=ML,
        name="TreeEnsembleRegressor",
        n_targets=1,
        aggregate_function="SUM",
        post_transform="NONE",
        **tree_attrs(forest, False),
    )
    graph = helper.make_graph(
        [node],
        "random forest diabetes",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [None, x.shape[1]])],
        [helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, 1])],
    )
    save(model_of(graph, doc="Hand-built in the shape skl2onnx gives RandomForestRegressor."), name)
    xs = sample_rows(x, rows)
    expected[name] = {"input": "input", "rows": xs.tolist(), "values": forest.predict(xs).tolist()}


# --- PyTorch networks ----------------------------------------------------------------------------


class Mlp(torch.nn.Module):
    def __init__(self, n_in, n_out, softmax):
        super().__init__()
        self.body = torch.nn.Sequential(torch.nn.Linear(n_in, 16), torch.nn.ReLU(), torch.nn.Linear(16, n_out))
        self.softmax = softmax

    def forward(self, x):
        z = self.body(x)
        return torch.softmax(z, dim=1) if self.softmax else z


def torch_mlp(name, softmax, opset, output_name, rows):
    torch.manual_seed(0)
    data = load_iris()
    x = torch.tensor(StandardScaler().fit_transform(data.data), dtype=torch.float32)
    y = torch.tensor(data.target)
    net = Mlp(4, 3, softmax=False)
    opt = torch.optim.Adam(net.parameters(), lr=0.02)
    for _ in range(200):
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
    net.softmax = softmax
    net.eval()
    path = os.path.join(HERE, name + ".onnx")
    torch.onnx.export(
        net,
        x[:2],
        path,
        input_names=["input"],
        output_names=[output_name],
        dynamic_axes={"input": {0: "batch"}, output_name: {0: "batch"}},
        opset_version=opset,
    )
    onnx.checker.check_model(onnx.load(path))
    print(f"{name}.onnx  {os.path.getsize(path)} bytes")
    xs = x[rows]
    with torch.no_grad():
        out = net(xs).numpy()
    expected[name] = {"input": "input", "rows": xs.numpy().tolist(), output_name: out.tolist()}


def main():
    cancer = load_breast_cancer()
    linear_pipeline(
        "logreg_cancer_zipmap_int",
        cancer.data.astype(np.float32),
        cancer.target,
        [0, 1],
        None,
        "LOGISTIC",
        [0, 1, 19, 20, 100, 300],
    )
    iris = load_iris()
    names = np.array([str(n) for n in iris.target_names])
    linear_pipeline(
        "logreg_iris_zipmap_str",
        iris.data.astype(np.float32),
        names[iris.target],
        [str(v) for v in names],
        "N",
        "SOFTMAX",
        [0, 50, 70, 83, 100, 133],
    )
    linear_pipeline(
        "linear_iris_scores",
        iris.data.astype(np.float32),
        iris.target,
        [0, 1, 2],
        "N",
        "NONE",
        [0, 50, 70, 83, 100, 133],
        zipmap=False,
        normalizer=False,
    )
    forest_classifier("forest_wine_zipmap", True, [0, 1, 60, 61, 130, 177])
    forest_classifier("forest_wine_tensor", False, [0, 1, 60, 61, 130, 177])
    forest_regressor("forest_diabetes_regressor", [0, 1, 2, 200, 441])
    torch_mlp("mlp_iris_softmax", True, 13, "probabilities", [0, 50, 70, 83, 100, 133])
    torch_mlp("mlp_iris_logits", False, 15, "logits", [0, 50, 70, 83, 100, 133])
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
