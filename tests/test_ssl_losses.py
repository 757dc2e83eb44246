"""Each self-supervised loss against values worked out by hand on tiny tensors."""

import math

import pytest
import torch

from engine.nn.losses import (barlow_twins_loss, byol_loss, cross_correlation, info_nce_with_queue, masked_patch_loss,
                           negative_cosine, nt_xent, vicreg_terms, vq_losses, vq_vae_objective)


def test_nt_xent_on_known_unit_vectors():
    # Two images; each view pair identical; the two images orthogonal.
    z1 = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    z2 = z1.clone()
    t = 0.5
    # For anchor 0 (view 1 of image 0): positive sim 1, negatives: image 1 in both views (sim 0).
    # l = -log(e^(1/t) / (e^(1/t) + e^0 + e^0)); every anchor is alike by symmetry.
    expected = -math.log(math.exp(2) / (math.exp(2) + 2))
    assert nt_xent(z1, z2, t).item() == pytest.approx(expected, rel=1e-5)
    # Scale does not matter: the vectors are normalised.
    assert nt_xent(3 * z1, 0.5 * z2, t).item() == pytest.approx(expected, rel=1e-5)


def test_info_nce_with_an_empty_and_a_full_queue():
    q = torch.tensor([[1.0, 0.0]])
    k = torch.tensor([[1.0, 0.0]])
    assert info_nce_with_queue(q, k, torch.zeros(0, 2), 0.1).item() == pytest.approx(0.0, abs=1e-6)
    queue = torch.tensor([[0.0, 1.0], [-1.0, 0.0]])
    t = 0.5
    expected = -math.log(math.exp(2) / (math.exp(2) + math.exp(0) + math.exp(-2)))
    assert info_nce_with_queue(q, k, queue, t).item() == pytest.approx(expected, rel=1e-5)


def test_cosine_losses():
    p = torch.tensor([[1.0, 0.0], [0.0, 2.0]])
    z = torch.tensor([[1.0, 0.0], [0.0, -1.0]])
    assert negative_cosine(p, z).item() == pytest.approx((-1 + 1) / 2)
    assert byol_loss(p, z).item() == pytest.approx(((2 - 2) + (2 + 2)) / 2)


def test_barlow_twins_matrix_of_identical_views_is_the_correlation_matrix():
    torch.manual_seed(0)
    z = torch.randn(256, 4)
    c = cross_correlation(z, z)
    assert torch.allclose(torch.diagonal(c), torch.ones(4), atol=1e-4)  # every dimension matches itself
    assert torch.allclose(c, c.T, atol=1e-5)
    off = (c - torch.diag(torch.diagonal(c))).pow(2).sum()
    assert barlow_twins_loss(c, 0.5).item() == pytest.approx(0.5 * off.item(), rel=1e-3, abs=1e-6)
    # Perfectly decorrelated, identical views: C = I and the loss is 0.
    eye = torch.eye(3)
    assert barlow_twins_loss(eye, 1.0).item() == 0.0


def test_vicreg_variance_term_on_constant_inputs():
    z = torch.ones(8, 5) * 3.0
    invariance, variance, covariance = vicreg_terms(z, z, eps=1e-4)
    # Each view: mean_j max(0, 1 - sqrt(0 + 1e-4)) = 0.99; the two views averaged: 0.99.
    assert variance.item() == pytest.approx(1 - 0.01, rel=1e-5)
    assert invariance.item() == 0.0 and covariance.item() == 0.0


def test_vicreg_variance_averages_the_two_views_as_the_papers_code():
    # View 1 spread (std above 1, no hinge), view 2 constant (hinge 1 - sqrt(1e-4) = 0.99 per dimension).
    # Bardes et al. 2022, Algorithm 1: std_loss = mean(relu(1 - std_a)) / 2 + mean(relu(1 - std_b)) / 2.
    z1 = torch.tensor([[0.0, 0.0], [4.0, 4.0], [0.0, 0.0], [4.0, 4.0]])  # unbiased variance 16/3
    z2 = torch.full((4, 2), 7.0)
    _, variance, _ = vicreg_terms(z1, z2, eps=1e-4)
    hinge_1 = max(0.0, 1 - math.sqrt(16 / 3 + 1e-4))
    hinge_2 = 1 - math.sqrt(1e-4)
    assert variance.item() == pytest.approx(hinge_1 / 2 + hinge_2 / 2, rel=1e-6)


def test_barlow_twins_standardises_as_batch_norm_even_on_a_nearly_constant_dimension():
    torch.manual_seed(0)
    z1 = torch.randn(64, 3)
    z1[:, 2] = 5.0 + 1e-4 * torch.randn(64)  # nearly constant: std 1e-4, far below sqrt(eps) = 3e-3
    z2 = torch.randn(64, 3)
    a1, a2 = z1.clone().requires_grad_(), z1.clone().requires_grad_()
    b1, b2 = z2.clone().requires_grad_(), z2.clone().requires_grad_()
    ours = cross_correlation(a1, b1)
    # The paper's code: c = bn(z1).T @ bn(z2) / N with bn = BatchNorm1d(affine=False), in training mode.
    bn = torch.nn.functional.batch_norm
    theirs = bn(a2, None, None, training=True, eps=1e-5).T @ bn(b2, None, None, training=True, eps=1e-5) / 64
    assert torch.allclose(ours, theirs, atol=1e-5)
    weights = torch.randn(3, 3)  # any loss of C: compare the gradients it sends back
    (ours * weights).sum().backward()
    (theirs * weights).sum().backward()
    assert torch.allclose(a1.grad, a2.grad, rtol=1e-3, atol=1e-4)
    assert torch.allclose(b1.grad, b2.grad, rtol=1e-3, atol=1e-4)


def test_vicreg_covariance_by_hand():
    z = torch.tensor([[1.0, 1.0], [-1.0, -1.0], [1.0, 1.0], [-1.0, -1.0]])  # two identical dimensions
    _, _, covariance = vicreg_terms(z, z)
    cov_01 = 4 / 3  # sum of products 4, over n - 1 = 3
    assert covariance.item() == pytest.approx(2 * (2 * cov_01 ** 2 / 2), rel=1e-5)


def test_mae_loss_ignores_visible_patches():
    target = torch.zeros(1, 4, 3)
    pred = torch.zeros(1, 4, 3)
    mask = torch.tensor([[1.0, 0.0, 1.0, 0.0]])  # patches 0 and 2 hidden
    pred[0, 1] = 100.0  # a visible patch, badly predicted: does not count
    assert masked_patch_loss(pred, target, mask).item() == 0.0
    pred[0, 0] = 1.0  # a hidden patch off by 1 in each of its 3 pixels
    assert masked_patch_loss(pred, target, mask).item() == pytest.approx(1.0 / 2)


def test_vq_commitment_term():
    z_e = torch.tensor([[0.0, 2.0]], requires_grad=True)
    z_q = torch.tensor([[1.0, 1.0]], requires_grad=True)
    codebook, commitment = vq_losses(z_e, z_q)
    assert commitment.item() == pytest.approx((1 + 1) / 2) and codebook.item() == pytest.approx(1.0)
    commitment.backward()
    assert z_q.grad is None and z_e.grad is not None  # the commitment moves the encoder only


def test_vq_vae_objective_is_the_papers_eq_3_with_each_term_a_mean():
    # Per pixel: reconstruction 0.3; per latent element: codebook 2, commitment 4; 64 pixels, beta 0.25.
    recon_per_image, pixels = torch.tensor(0.3 * 64), 64
    loss = vq_vae_objective(recon_per_image, torch.tensor(2.0), torch.tensor(4.0), 0.25, pixels)
    assert loss.item() == pytest.approx(64 * (0.3 + 2.0 + 0.25 * 4.0))
    ema = vq_vae_objective(recon_per_image, torch.tensor(2.0), torch.tensor(4.0), 0.25, pixels, with_codebook=False)
    assert ema.item() == pytest.approx(64 * (0.3 + 0.25 * 4.0))  # the moving averages move the codebook
