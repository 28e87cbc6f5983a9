"""Helpers shared by the Part A notebooks. Hand this file in with your notebooks; you may add to it."""
import random

import numpy as np
import torch
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

LABELS = {"blues": 0, "metal": 1}


def set_seed(seed=0):
    """Seeds Python, NumPy and PyTorch so that a run can be repeated."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def label_of(filename):
    """The class of a clip from its file name: blues.00012.3.wav is 0, metal.00007.1.wav is 1."""
    return LABELS[filename.split(".")[0]]


def split_dataset(df, columns_to_drop, test_size, random_state):
    """Features and labels of a stratified train/test split of df (label column 'label')."""
    X = df.drop(columns=columns_to_drop).to_numpy(dtype=np.float32)
    y = df["label"].to_numpy(dtype=np.float32)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test_size, random_state=random_state,
                                                        stratify=y)
    return X_train, y_train, X_test, y_test


def preprocess_dataset(X_train, X_test):
    """Standardises both sets with the mean and deviation of the training set only."""
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train).astype(np.float32), scaler.transform(X_test).astype(np.float32)


class EarlyStopper:
    """Says stop once the monitored loss has not improved by min_delta for `patience` epochs."""

    def __init__(self, patience=3, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best, self.waited = float("inf"), 0

    def early_stop(self, loss):
        if loss < self.best - self.min_delta:
            self.best, self.waited = loss, 0
            return False
        self.waited += 1
        return self.waited >= self.patience
