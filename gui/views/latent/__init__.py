"""gui/views/latent"""
