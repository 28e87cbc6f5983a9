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


# Copied from A1 so that A2-A4 can use them.
from torch import nn
from torch.utils.data import DataLoader


class MLP(nn.Module):
    def __init__(self, no_features, no_hidden, no_labels):
        super().__init__()
        self.mlp_stack = nn.Sequential(
            nn.Linear(no_features, no_hidden), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(no_hidden, 128), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(128, 128), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(128, no_labels), nn.Sigmoid())

    def forward(self, x):
        return self.mlp_stack(x)


def evaluate(model, loss_fn, dataloader):
    """Mean loss and accuracy of the model on a loader, without training."""
    model.eval()
    total, correct, loss = 0, 0, 0.0
    with torch.no_grad():
        for X, y in dataloader:
            p = model(X)[:, 0]
            loss += loss_fn(p, y).item() * len(y)
            correct += ((p > 0.5).float() == y).sum().item()
            total += len(y)
    return loss / total, correct / total


def train_model(model, optimizer, loss_fn, train_dataloader, val_dataloader, no_epochs, patience=3):
    """Trains for at most no_epochs, stopping early on the validation loss; returns the history."""
    history = {'train_loss': [], 'train_accuracy': [], 'val_loss': [], 'val_accuracy': []}
    stopper = EarlyStopper(patience=patience)
    for epoch in range(no_epochs):
        model.train()
        for X, y in train_dataloader:
            optimizer.zero_grad()
            loss = loss_fn(model(X)[:, 0], y)
            loss.backward()
            optimizer.step()
        train_loss, train_accuracy = evaluate(model, loss_fn, train_dataloader)
        val_loss, val_accuracy = evaluate(model, loss_fn, val_dataloader)
        for key, value in zip(history, (train_loss, train_accuracy, val_loss, val_accuracy)):
            history[key].append(value)
        if stopper.early_stop(val_loss):
            break
    return history
