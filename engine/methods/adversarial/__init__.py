"""Adversarial: a generator learns to make images that a discriminator (or critic) cannot tell from
real ones (GAN, WGAN-GP)."""
