"""Reconstruction: an encoder squeezes the image into a code and a decoder rebuilds it (autoencoder,
denoising autoencoder, VAE / β-VAE, VQ-VAE)."""
